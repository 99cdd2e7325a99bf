"""Audit on a Dask cluster: ``--scheduler dask`` (a cluster on this machine) or ``tcp://HOST:PORT``.

The optional extra ``factcheck[dask]``. This package is imported only when a scheduler is set,
and Dask only when a cluster is opened, so a plain run never imports either.

- ``factcheck.cluster.session``: start or reach the cluster; documents go to the workers in
  batches, each audited by ``factcheck.pipeline.audit_path`` as in a local run, and come back
  batch by batch in input order, each batch's fact statements with them, kept in a file of the
  client until the check sends them out again (Dask keeps no task of a batch once it is back).
- ``factcheck.cluster.shuffle``: DATE001/NUM001 across documents, as a shuffle of those
  statements by fact key, so that no process holds every statement.
- ``factcheck.cluster.holders``: where the shuffle's steps run, a Dask actor per worker that
  keeps the check's values and sends the exchanges' pieces to the others (no task per step).
- ``factcheck.cluster.interrupts``: the workers of our cluster leave Ctrl-C to the command.
- ``factcheck.cluster.vocabulary``: the words of those statements counted and searched for
  spelling variants in shards, so that no process holds every word.
"""

from __future__ import annotations

from factcheck.cluster.install import INSTALL_HINT, ClusterError, require_dask


def open_cluster(scheduler: str, workers: int):
    """A context manager giving a ``Cluster`` (see ``factcheck.cluster.session``)."""
    require_dask()
    from factcheck.cluster.session import open_cluster as opened

    return opened(scheduler, workers)


__all__ = ["INSTALL_HINT", "ClusterError", "open_cluster", "require_dask"]
