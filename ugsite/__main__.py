"""Run the command-line interface as `python -m ugsite`."""

import sys

from ugsite.commands.cli import main

sys.exit(main())
