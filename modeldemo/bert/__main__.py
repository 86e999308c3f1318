"""python -m modeldemo.bert ... is python -m modeldemo.bert.cli ..."""

import sys

from modeldemo.bert.cli import main

sys.exit(main())
