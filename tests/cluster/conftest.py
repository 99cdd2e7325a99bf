"""The cluster and the corpus the Dask tests share, one of each per test module."""

from __future__ import annotations

import logging

import pytest

from tests.cluster.planted import write_corpus


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two workers in threads (fast to start), reached through its TCP address
    as an existing cluster would be."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://",
                                  dashboard_address=":0", silence_logs=logging.ERROR) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 planted reports, a conflict across documents every sixth: the folder and what was planted."""
    folder = tmp_path_factory.mktemp("planted")
    planted = write_corpus(folder, 60, seed=5, conflict_every=6)
    return folder, planted
