"""``python -m upr_targets``: the same as the ``upr-targets`` command."""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
