"""``python -m crmflow ARGS``: runs the crmflow binary with ARGS."""

import os
import sys

from crmflow import find_crmflow_bin


def main() -> None:
    binary = os.fsdecode(find_crmflow_bin())
    if sys.platform == "win32":
        import subprocess

        sys.exit(subprocess.run([binary, *sys.argv[1:]]).returncode)
    os.execvp(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
