import sys

from claimset.cli import main

sys.exit(main())
