"""The crmflow command-line tool, installed as a binary by this wheel.

``python -m crmflow ARGS`` runs it; :func:`find_crmflow_bin` says where it is.
"""

import os
import sys
import sysconfig


def find_crmflow_bin() -> str:
    """The path of the ``crmflow`` binary this wheel installed."""
    exe = "crmflow" + (sysconfig.get_config_var("EXE") or "")
    candidates = [os.path.join(sysconfig.get_path("scripts"), exe)]
    # `pip install --user`.
    if sys.version_info >= (3, 10):
        user_scheme = sysconfig.get_preferred_scheme("user")
    elif os.name == "nt":
        user_scheme = "nt_user"
    elif sys.platform == "darwin" and sys._framework:  # type: ignore[attr-defined]
        user_scheme = "osx_framework_user"
    else:
        user_scheme = "posix_user"
    candidates.append(os.path.join(sysconfig.get_path("scripts", scheme=user_scheme), exe))
    # `pip install --target DIR`: DIR/bin beside DIR/crmflow.
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates.append(os.path.join(package_root, "bin", exe))
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    raise FileNotFoundError(
        "the crmflow binary is not where this wheel puts it; looked at: " + ", ".join(candidates)
    )
