"""`python -m barq` runs the command line."""

import sys

from barq.cli import main

sys.exit(main())
