import sys

from toolkit.front.cli import main

sys.exit(main())
