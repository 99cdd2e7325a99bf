"""Whether Dask is installed, and the one error a user sees when the cluster cannot be used."""

from __future__ import annotations

import importlib.util

from factcheck.config import ConfigError

INSTALL_HINT = "pip install 'factcheck[dask]'"


class ClusterError(ConfigError):
    """The ``scheduler`` setting cannot be used (Dask missing, scheduler unreachable): a usage
    error, one line naming the setting."""


def require_dask() -> None:
    """Raise ClusterError saying how to install Dask when it or its scheduler is missing."""
    missing = [name for name in ("dask", "distributed") if importlib.util.find_spec(name) is None]
    if missing:
        raise ClusterError(f"scheduler: Dask is not installed ({', '.join(missing)} missing): {INSTALL_HINT}")
