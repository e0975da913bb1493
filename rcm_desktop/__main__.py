"""`python -m rcm_desktop` runs the same entry point as `rcm-desktop`."""

import sys

from rcm_desktop.app import main

sys.exit(main())
