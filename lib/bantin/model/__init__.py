"""What the bulletins are about: periods, the reference data and the organisation, errors, text. Standard library
only (a mistyped argument is refused before anything heavy loads), and nothing of the build."""
