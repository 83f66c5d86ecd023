"""What a bulletin says and shows; the notebooks call ``blocks`` and display what it returns."""
