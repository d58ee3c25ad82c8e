"""``python -m upr_targets``: the ``upr-targets`` command."""

import sys

from .cli import main

sys.exit(main())
