"""Run the command-line interface as `python -m ugsite`."""

import gc
import sys

from ugsite.commands.cli import main

status = main(ending=True)
# The process ends now: the collector's last pass over all that a build left (at 10,000 posts,
# a tenth of a second) would free nothing the system does not take back anyway.
gc.freeze()
sys.exit(status)
