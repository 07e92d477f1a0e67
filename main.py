"""Start Rapport: the desktop app, or a command (validate, walk, paths, graph)."""

import sys

from simulator.launch import main

if __name__ == "__main__":
    sys.exit(main())
