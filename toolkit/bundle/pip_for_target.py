"""Run pip as if on another machine: `python pip_for_target.py '<marker env JSON>' <pip args>`.

pip evaluates environment markers (`pywin32; platform_system == "Windows"`) for the machine it
runs on even with --platform, so a Windows bundle made on Linux would miss pywin32 and carry
SecretStorage. This runs pip with the marker environment of the target instead. Run as a
script: it imports nothing of workplan.
"""

import json
import sys


def main() -> int:
    environment = json.loads(sys.argv[1])
    from pip._vendor.packaging import markers

    found = markers.default_environment()
    found.update(environment)
    markers.default_environment = lambda: dict(found)
    from pip._internal.cli.main import main as pip_main

    return pip_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
