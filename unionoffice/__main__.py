"""``python -m unionoffice`` is the same as the ``unionoffice`` command."""

import sys

from .cli import main

sys.exit(main())
