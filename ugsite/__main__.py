"""Run the command-line interface as `python -m ugsite`."""

import sys

from ugsite.cli import main

sys.exit(main())
