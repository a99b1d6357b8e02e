import sys

from toolkit.addin.cli import main

sys.exit(main())
