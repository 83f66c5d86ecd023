"""``python -m bantin.bench`` (``make bench``)."""

import sys

from bantin.bench.run import main

sys.exit(main())
