"""Audits on a Dask cluster (``--scheduler``) give what a local run gives, byte for byte.

A cluster of threads (one process, fast to start) serves most tests through its TCP address, as
an existing cluster would; one test starts worker processes and kills one in the middle of a
run. The corpus is generated with cross-document conflicts planted (``planted.py``).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import signal
import subprocess
import sys
import time
from array import array
from functools import partial
from pathlib import Path

import pytest

from factcheck import pipeline
from factcheck.config import Settings
from factcheck.results import DocumentResult, InputError
from factcheck.spool import ItemSpool
from tests.cluster.planted import write_corpus
from tests.workflow.helpers import made_here

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = ROOT / "sources"  # the demo documents, with findings of every kind


def _json(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    from factcheck.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    capsys.readouterr()
    status = main(["audit", *args, "--format", "json", "--no-html", "--no-claims", "-q", "--isolated"])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("which", ["fixtures", "planted"])
def test_json_on_the_cluster_equals_jobs_1_byte_for_byte(which, cluster, corpus, monkeypatch, capsys):
    folder = str(FIXTURES if which == "fixtures" else corpus[0])
    local = _json([folder, "--jobs", "1"], monkeypatch, capsys)
    remote = _json([folder, "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    if which == "planted":  # and the conflicts planted across documents are there, where planted
        found = {(Path(f["path"]).name, f["excerpt"], f["code"]) for f in json.loads(remote[1])["corpus_findings"]}
        planted = {(p.path, p.value, "DATE001" if p.kind == "date" else "NUM001") for p in corpus[1]}
        assert len(planted) >= 5 and {"DATE001", "NUM001"} <= {code for _, _, code in planted}
        assert planted <= found


def test_a_corpus_in_many_parts_and_partitions_finds_what_one_process_finds(cluster, corpus, monkeypatch, capsys):
    """A large run's check reads each worker's statements a few batches at a time and spreads
    the exchange over more partitions than workers; here with parts of one or two batches (8
    documents each) and seven partitions: the same JSON as ``--jobs 1``, every planted conflict."""
    from factcheck.cluster import shuffle

    monkeypatch.setattr(shuffle, "PART_DOCUMENTS", 16)
    monkeypatch.setattr(shuffle, "PARTITION_DOCUMENTS", 9)
    local = _json([str(corpus[0]), "--jobs", "1"], monkeypatch, capsys)
    remote = _json([str(corpus[0]), "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    found = {(Path(f["path"]).name, f["excerpt"], f["code"]) for f in json.loads(remote[1])["corpus_findings"]}
    assert {(p.path, p.value, "DATE001" if p.kind == "date" else "NUM001") for p in corpus[1]} <= found


def test_the_check_is_a_task_per_worker_however_many_parts_and_partitions(cluster, corpus, monkeypatch, capsys):
    """The check's steps run on a holder per worker (a Dask actor), not as tasks: Dask kept every
    step's task as the lineage of the outputs, the exchanges' ``(N/5,000)²`` a round, until the
    check ended. With eight parts and seven partitions, after each stage of the check the
    scheduler knows the two holders and nothing else; the JSON is still ``--jobs 1``'s."""
    from factcheck.cluster import holders, shuffle

    monkeypatch.setattr(shuffle, "PART_DOCUMENTS", 8)  # a batch (8 documents) a part: eight parts
    monkeypatch.setattr(shuffle, "PARTITION_DOCUMENTS", 9)  # seven partitions for 60 documents
    stages: list[tuple[str, int, tuple[str, ...]]] = []  # per stage: the method, its calls, the scheduler's tasks after
    run = holders.Holders.run

    def recording(self, calls):
        calls = list(calls)
        done = run(self, calls)
        tasks = self.client.run_on_scheduler(lambda dask_scheduler: tuple(sorted(dask_scheduler.tasks)))
        stages.append((calls[0][1], len(calls), tasks))
        return done

    monkeypatch.setattr(holders.Holders, "run", recording)
    local = _json([str(corpus[0]), "--jobs", "1"], monkeypatch, capsys)
    remote = _json([str(corpus[0]), "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    computed = [count for method, count, _ in stages if method == "compute"]
    # Per part (8): the counts, the words filed, the records by key; per partition (7): the
    # totals, the variants, the pairs, the support, the blame, the conflicts; the answers merged
    # per part (8) twice.
    assert computed == [8, 7, 8, 8, 7, 8, 8, 7, 7, 7, 7], stages
    # The conflicts come back a partition (a range of documents) at a time, in order.
    assert [count for method, count, _ in stages if method == "take"][-7:] == [1] * 7
    assert len(stages) > 20
    for method, _, tasks in stages:
        if method == "close":  # the holders let go, one after the other
            break
        assert len(tasks) == 2 and all(task.startswith("factcheck-holder-") for task in tasks), tasks


def test_the_keys_too_common_to_compare_are_never_sent(cluster, corpus, monkeypatch, capsys):
    """A key (kind, role, word) under which more than ``MAX_BUCKET`` statement groups are filed is
    never compared: its records stay where they were made instead of crossing the exchange to be
    dropped there. Here with a bucket of 3 (common words are many): the same JSON as ``--jobs 1``,
    and no key sent holds more than 3 filed groups, while some were held back."""
    import pickle
    from collections import Counter

    from factcheck.claims import fact_index
    from factcheck.cluster import shuffle

    monkeypatch.setattr(fact_index, "MAX_BUCKET", 3)
    monkeypatch.setattr(shuffle, "MAX_BUCKET", 3)
    split = shuffle._keyed_pieces
    # Kept on the module: a task's function reaches the worker (a thread here) as a copy, its
    # closure's objects with it, but a module is the one the test reads.
    monkeypatch.setattr(shuffle, "_sent_by_test", Counter(), raising=False)
    monkeypatch.setattr(shuffle, "_crowds_by_test", [], raising=False)

    def recording(filed, crowd, partitions, variants):
        pieces = split(filed, crowd, partitions, variants)
        shuffle._crowds_by_test.append(crowd)
        for piece in pieces:
            for key, records in pickle.loads(piece).items():
                shuffle._sent_by_test[key] += sum(1 for _, is_filed, _ in records if is_filed)
        return pieces

    monkeypatch.setattr(shuffle, "_keyed_pieces", recording)
    local = _json([str(corpus[0]), "--jobs", "1"], monkeypatch, capsys)
    remote = _json([str(corpus[0]), "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    sent = shuffle._sent_by_test
    crowded = {key for key, count in shuffle._crowds_by_test[0].items() if count > 3}
    assert len(crowded) >= 5, crowded
    assert sent and max(sent.values()) <= 3
    assert not crowded & set(sent)


def test_no_task_holds_every_word_of_the_corpus(cluster, corpus, monkeypatch, capsys):
    """The words are counted in shards, each word in one, and each part learns the counts of its
    own words alone: with seven shards, no shard and no part sees the whole vocabulary, nor
    does a shard of the search for variants, while the JSON is ``--jobs 1``'s."""
    from factcheck.cluster import shuffle, vocabulary

    monkeypatch.setattr(shuffle, "PART_DOCUMENTS", 16)
    monkeypatch.setattr(shuffle, "PARTITION_DOCUMENTS", 9)
    # Kept on the module: a task's function reaches the worker (a thread here) as a copy.
    monkeypatch.setattr(vocabulary, "_shards_by_test", [], raising=False)
    monkeypatch.setattr(vocabulary, "_searches_by_test", [], raising=False)
    monkeypatch.setattr(shuffle, "_parts_by_test", [], raising=False)
    totals, variants, filed = vocabulary.word_totals, vocabulary.word_variants, shuffle._filed

    def counting(*pieces):
        vocabulary._shards_by_test.append(set().union(*pieces))
        return totals(*pieces)

    def searching(word_match, shard, shards, *pieces):
        vocabulary._searches_by_test.append(set().union(*(indexed for indexed, _ in pieces)))
        return variants(word_match, shard, shards, *pieces)

    def filing(where, frequency, *rest):
        shuffle._parts_by_test.append(set(frequency))
        return filed(where, frequency, *rest)

    monkeypatch.setattr(vocabulary, "word_totals", counting)
    monkeypatch.setattr(vocabulary, "word_variants", searching)
    monkeypatch.setattr(shuffle, "_filed", filing)
    local = _json([str(corpus[0]), "--jobs", "1"], monkeypatch, capsys)
    remote = _json([str(corpus[0]), "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    shards, parts = vocabulary._shards_by_test, shuffle._parts_by_test
    every_word = set().union(*shards)
    assert len(shards) == 7 and sum(map(len, shards)) == len(every_word)  # each word in one shard
    assert max(map(len, shards)) < len(every_word) / 2
    # A worker's batches in parts of 16 documents: 60 documents make four parts, or five when
    # the two workers' shares are not multiples of 16 (which batches each audits is Dask's call).
    assert len(parts) in (4, 5) and set().union(*parts) == every_word
    assert all(len(part) < len(every_word) for part in parts)
    # The search for variants: each indexed word goes to the shards of its edit keys, not all.
    searches = vocabulary._searches_by_test
    indexed = set().union(*searches)
    assert len(searches) == 7 and max(map(len, searches)) < len(indexed)


def test_files_given_out_of_path_order_are_numbered_as_locally(cluster, corpus, monkeypatch, capsys):
    """The client numbers the documents by path from its store (sorted on disk, here), and the
    workers' statements get those numbers: the same conflicts, blamed on the same documents."""
    files = [str(path) for path in sorted(corpus[0].glob("*.txt"), reverse=True)]
    local = _json([*files, "--jobs", "1"], monkeypatch, capsys)
    remote = _json([*files, "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    found = {(Path(f["path"]).name, f["excerpt"], f["code"]) for f in json.loads(remote[1])["corpus_findings"]}
    assert {(p.path, p.value, "DATE001" if p.kind == "date" else "NUM001") for p in corpus[1]} <= found
    assert [Path(d["path"]).name for d in json.loads(remote[1])["documents"]][:2] == ["doc00059.txt", "doc00058.txt"]


def test_repeats_spelling_variants_and_the_odd_one_out_as_locally(cluster, tmp_path, monkeypatch, capsys):
    """A statement repeated in a document, a typo of a place name that only a variant lookup
    pairs, and a value that two documents agree on against a third: the blame goes where the
    local index puts it."""
    bridge = "The Harlow bridge at Kestova was completed in March 1998."
    staff = "The Veldmark cooperative employs {} workers in the Ostrava valley."
    (tmp_path / "a.txt").write_text(f"Bridges\n\n{bridge} Engineers praised it.\n\n{bridge}\n\n{staff.format(420)}\n")
    (tmp_path / "b.txt").write_text(f"A second look\n\n{bridge}\n\n{staff.format(610)}\n")
    (tmp_path / "c.txt").write_text("Letters\n\nThe Harlow bridge at Kestovaa was completed in June 2004.\n")
    (tmp_path / "d.txt").write_text(f"Notes\n\n{staff.format(610)}\n")
    local = _json([str(tmp_path), "--jobs", "1"], monkeypatch, capsys)
    remote = _json([str(tmp_path), "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    found = [(f["code"], Path(f["path"]).name, f["excerpt"], [(Path(r["path"]).name, r["excerpt"]) for r in f["related"]])
             for f in json.loads(remote[1])["corpus_findings"]]
    assert found == [("NUM001", "a.txt", "420", [("b.txt", "610"), ("d.txt", "610")]),
                     ("DATE001", "c.txt", "June 2004", [("a.txt", "March 1998"), ("b.txt", "March 1998")])]


def test_two_common_spellings_one_edit_apart_are_two_places_as_locally(cluster, tmp_path, monkeypatch, capsys):
    """Two towns a letter apart, each named in several documents: neither is rare, so neither is
    a typo of the other, and their ferry terminals opening in different years is no conflict.
    The two statements are compared (their other words are rarer than the towns' names), and
    only the towns' rarity, which each group carries to the pairs, keeps them apart."""
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("Ferries\n\nThe Whitehaven ferry terminal opened in March 1998.\n")
    for name in "def":
        (tmp_path / f"{name}.txt").write_text("Ferries\n\nThe Whitehoven ferry terminal opened in June 2004.\n")
    for name in "ghijk":
        (tmp_path / f"{name}.txt").write_text("Harbours\n\nWhitehaven harbour counted 120 fishing boats last summer.\n")
    for name in "lmnop":
        (tmp_path / f"{name}.txt").write_text("Harbours\n\nWhitehoven harbour counted 80 fishing boats last summer.\n")
    local = _json([str(tmp_path), "--jobs", "1"], monkeypatch, capsys)
    remote = _json([str(tmp_path), "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    assert json.loads(remote[1])["corpus_findings"] == []


def test_the_statements_come_back_apart_and_progress_counts_documents(cluster, corpus):
    seen = []
    result = pipeline.audit([corpus[0]], Settings(scheduler=cluster),
                            on_progress=lambda done, total, path: seen.append((done, total, Path(path).name)))
    # The results come back without their fact statements: those are kept apart for the shuffle.
    assert all("fact_statements" not in d.corpus_inputs for d in result.documents)
    assert [done for done, _, _ in seen] == list(range(1, 61)) and {total for _, total, _ in seen} == {60}
    assert [name for _, _, name in seen] == sorted(f"doc{n:05d}.txt" for n in range(60))


def test_once_a_batch_is_back_neither_the_scheduler_nor_a_worker_keeps_anything_of_it(cluster, corpus):
    """What grew with the corpus in the scheduler and the workers: each batch's task, kept as
    long as its statements were held on a worker (the lineage Dask keeps to make them again).
    The statements now come back with the results, to a file of the client: after the audit
    the cluster holds no task and no result, and the check sends them out again, a part to each
    worker, and finds the planted conflicts."""
    from factcheck.cluster.holders import Holders
    from factcheck.cluster.session import open_cluster
    from factcheck.context import CorpusContext

    files = sorted(corpus[0].iterdir())
    with open_cluster(cluster, 2) as session:
        outcomes = list(session.audit(partial(pipeline.audit_path, settings=Settings()), files))
        # A future let go reaches the scheduler with the client's next batch of messages.
        deadline = time.monotonic() + 10
        while (tasks := session.client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))) and \
                time.monotonic() < deadline:
            time.sleep(0.05)
        held = session.client.run(lambda dask_worker: len(dask_worker.data))
        assert len(outcomes) == 60 and tasks == 0 and set(held.values()) == {0}
        # Per batch: where its statements are in the file, their length, its documents.
        batches = list(zip(*[iter(session._batches)] * 3))
        assert sum(documents for _, _, documents in batches) == 60
        assert all(pickle.loads(session._statements.read(at, length)) for at, length, _ in batches)
        # Sent out with the documents numbered backwards: each part's batches are on its worker,
        # each batch's numbers the slice of its documents, its statements theirs.
        backwards = array("Q", range(59, -1, -1))
        holders = Holders(session.client, sorted(session.client.nthreads()))
        parts = session._parts_sent(holders, backwards)
        assert sorted(place for place, _, _ in parts) == sorted(session.client.nthreads())  # a part each
        assert [number for _, batches, _ in parts for numbers in batches for number in numbers] == list(backwards)
        # Each part's statements are held by its worker's holder, a batch's by its name.
        sizes = [(len(numbers), len(pickle.loads(held)))
                 for place, batches, names in parts
                 for numbers, held in zip(batches, holders.run([(place, "take", (names,))])[0], strict=True)]
        assert all(count == statements for count, statements in sizes)
        holders.close()
        del parts
        context = CorpusContext([o for o in outcomes if isinstance(o, DocumentResult)], Settings())
        conflicts = session.fact_conflicts(context, Settings().thresholds)
    found = {(files[c.statement.doc].name, c.statement.text) for c in conflicts}
    assert found >= {(p.path, p.value) for p in corpus[1]}


def test_the_check_goes_through_the_scheduler_when_the_workers_cannot_be_reached(cluster, corpus, monkeypatch,
                                                                                capsys):
    """The client calls the holders straight (through the scheduler, the statements swelled its
    process); a client with no route to the workers, tried once on each holder, calls them
    through the scheduler for the whole check, and finds what ``--jobs 1`` finds."""
    from factcheck.cluster import holders

    routes: list[str] = []
    route = holders.Holders._route

    class Unreachable:
        async def actor_execute(self, **message):
            raise OSError("no route to the worker")

    def no_route(self, address):
        chosen = route(self, address)
        routes.append(type(chosen).__name__)
        return chosen if isinstance(chosen, holders._SchedulerRoute) else Unreachable()

    monkeypatch.setattr(holders.Holders, "_route", no_route)
    local = _json([str(corpus[0]), "--jobs", "1"], monkeypatch, capsys)
    remote = _json([str(corpus[0]), "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local
    assert routes[:2] == ["PooledRPCCall"] * 2  # tried on each holder, once
    assert len(routes) > 20 and set(routes[2:]) == {"_SchedulerRoute"}


def test_a_worker_gone_as_the_holders_are_made_is_a_lost_worker(cluster, monkeypatch):
    """A holder for a worker that is no longer in the cluster would wait for it for ever: it is
    ``WorkerLost`` (the check runs again), named, once Dask has been given ``HOLDER_WAIT``."""
    from factcheck.cluster import holders

    monkeypatch.setattr(holders, "HOLDER_WAIT", 0.2)
    with distributed.Client(cluster) as client:
        with pytest.raises(holders.WorkerLost, match=r"^worker tcp://127.0.0.1:1 is gone$"):
            holders.Holders(client, [*sorted(client.nthreads()), "tcp://127.0.0.1:1"])
        deadline = time.monotonic() + 10
        while (tasks := client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))) and \
                time.monotonic() < deadline:
            time.sleep(0.05)
        assert tasks == 0  # the holders made are let go


def test_a_worker_that_one_route_reaches_and_the_other_not_is_lost_not_a_gateway(cluster, monkeypatch):
    """The scheduler route is for a client that reaches no worker: one holder unreachable while
    the other answers is a worker lost (the check runs again), not a reason to send everything
    through the scheduler."""
    from factcheck.cluster import holders

    route = holders.Holders._route

    class Unreachable:
        async def actor_execute(self, **message):
            raise OSError("connection refused")

    with distributed.Client(cluster) as client:
        workers = sorted(client.nthreads())
        monkeypatch.setattr(holders.Holders, "_route",
                            lambda self, address: Unreachable() if address == workers[0] else route(self, address))
        with pytest.raises(holders.WorkerLost, match=r"^OSError: connection refused$"):
            holders.Holders(client, workers)


def test_a_holder_lost_behind_the_scheduler_route_is_a_lost_worker(cluster):
    """Through the scheduler, a call to a holder that is gone fails with a plain error (the
    worker's own ``KeyError`` of the missing actor, relayed): the cluster's word on the holder
    makes it ``WorkerLost``, so the check runs again."""
    from factcheck.cluster import holders

    with distributed.Client(cluster) as client:
        workers = sorted(client.nthreads())
        made = holders.Holders(client, workers)
        made._direct = False
        assert made.run([(address, "held", ()) for address in workers]) == [(0, 0, 0)] * 2
        key = made.keys[workers[1]]
        made._futures[workers[1]].cancel()  # Dask drops that holder
        deadline = time.monotonic() + 10
        while any(client.run(lambda dask_worker: key in dask_worker.state.actors).values()) and \
                time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(holders.WorkerLost, match=rf"^the check's holder on worker {workers[1]} is lost$"):
            made.run([(address, "held", ()) for address in workers])
        made.close()


def test_an_interrupted_check_lets_its_holders_go_without_waiting_for_them(cluster, corpus, monkeypatch):
    """Ctrl-C during the check: the holders are let go at once, not asked to close (the call
    would wait behind the step each is running: 35 s on a corpus of many statements, before the
    command could exit), and Dask drops them."""
    from factcheck.cluster import holders, shuffle

    methods: list[str] = []
    run = holders.Holders.run

    def recording(self, calls):
        calls = list(calls)
        methods.append(calls[0][1])
        return run(self, calls)

    def interrupted(holders_of_check, parts, thresholds, out):
        raise KeyboardInterrupt

    monkeypatch.setattr(holders.Holders, "run", recording)
    monkeypatch.setattr(shuffle, "find_conflicts", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.audit([corpus[0]], Settings(scheduler=cluster))
    assert "put" in methods and "close" not in methods
    with distributed.Client(cluster) as client:
        deadline = time.monotonic() + 10
        while (tasks := client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))) and \
                time.monotonic() < deadline:
            time.sleep(0.05)
    assert tasks == 0


def test_a_check_with_no_worker_left_waits_for_one(corpus):
    """A cluster of one worker that lost it during the check has none when the check runs again
    (its nanny starting another): the check waits for a worker (``WORKERS_WAIT``) and finds
    the planted conflicts."""
    import threading

    from factcheck.cluster.session import open_cluster
    from factcheck.context import CorpusContext

    files = sorted(corpus[0].iterdir())
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                                  dashboard_address=":0", silence_logs=logging.ERROR) as local, \
            open_cluster(local.scheduler_address, 1) as session:
        outcomes = list(session.audit(partial(pipeline.audit_path, settings=Settings()), files))
        local.scale(0)
        deadline = time.monotonic() + 10
        while session.client.nthreads() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not session.client.nthreads()
        threading.Timer(1.0, local.scale, (1,)).start()
        context = CorpusContext([o for o in outcomes if isinstance(o, DocumentResult)], Settings())
        conflicts = session.fact_conflicts(context, Settings().thresholds)
    found = {(files[c.statement.doc].name, c.statement.text) for c in conflicts}
    assert found >= {(p.path, p.value) for p in corpus[1]}


def test_a_check_that_keeps_losing_its_workers_is_one_line_error(cluster, corpus, monkeypatch):
    from concurrent.futures import CancelledError

    from factcheck.cluster import session as session_module, shuffle
    from factcheck.cluster.install import ClusterError

    calls = []

    def lost(*args, **kwargs):
        calls.append(1)
        raise CancelledError("lost")

    monkeypatch.setattr(shuffle, "find_conflicts", lost)
    with pytest.raises(ClusterError, match=r"^scheduler: the check between documents failed 3 times, its workers "
                                           r"lost \(CancelledError: lost\)$"):
        pipeline.audit([corpus[0]], Settings(scheduler=cluster))
    assert len(calls) == session_module.CHECK_ATTEMPTS == 3


def test_a_document_that_fails_on_a_worker_is_an_input_error_naming_it(cluster, tmp_path, monkeypatch, capsys):
    write_corpus(tmp_path, 4, conflict_every=100)
    (tmp_path / "broken.pdf").write_bytes(b"GIF89a not a PDF")
    local = _json([str(tmp_path), "--jobs", "1"], monkeypatch, capsys)
    remote = _json([str(tmp_path), "--scheduler", cluster], monkeypatch, capsys)
    assert remote == local and remote[0] == 2
    assert [e["path"] for e in json.loads(remote[1])["errors"]] == [str(tmp_path / "broken.pdf")]
    assert "broken.pdf" in remote[2]


def _audit_or_crash(path: str):
    """A task that fails outright for one document (as a crash of the worker's code would); the
    work is handed each path as a string (``factcheck.cluster.session.packed_paths``)."""
    if Path(path).name == "doc00002.txt":
        raise RuntimeError("worker crashed")
    return pipeline.audit_path(path, Settings())


def test_a_failed_task_is_run_again_document_by_document(cluster, tmp_path):
    from factcheck.cluster.session import open_cluster

    write_corpus(tmp_path, 6, conflict_every=100)
    files = sorted(tmp_path.iterdir())
    with open_cluster(cluster, 2) as session:
        outcomes = list(session.audit(_audit_or_crash, files))
    assert [type(o).__name__ for o in outcomes] == ["DocumentResult"] * 2 + ["InputError"] + ["DocumentResult"] * 3
    error = outcomes[2]
    assert isinstance(error, InputError) and error.path == str(files[2])
    assert error.message == "failed on a Dask worker: RuntimeError: worker crashed"
    assert all(isinstance(o, DocumentResult) and o.document.path == str(f) for o, f in zip(outcomes[3:], files[3:]))


def test_a_batch_run_again_document_by_document_keeps_its_statements_in_order(cluster, corpus):
    """The documents of a failed batch are audited one by one and their statements joined as
    the batch's: the check over them finds what the local check finds over the same documents
    (a crash among the planted conflicts, numbering shifted by the document it lost)."""
    from factcheck.cluster.holders import Holders
    from factcheck.cluster.session import open_cluster
    from factcheck.context import CorpusContext

    files = sorted(corpus[0].iterdir())
    kept = [f for f in files if f.name != "doc00002.txt"]
    local = CorpusContext([pipeline.audit_path(str(f), Settings()) for f in kept], Settings()).fact_conflicts
    with open_cluster(cluster, 2) as session:
        outcomes = list(session.audit(_audit_or_crash, files))
        assert [o.path for o in outcomes if isinstance(o, InputError)] == [str(files[2])]
        context = CorpusContext([o for o in outcomes if isinstance(o, DocumentResult)], Settings())
        remote = session.fact_conflicts(context, Settings().thresholds)
    named = [{(kept[c.statement.doc].name, c.statement.start, c.statement.text) for c in found}
             for found in (local, remote)]
    assert named[0] == named[1] and len(named[0]) > 5
    # Back in order, a range of documents at a time, into a file of the client's (not a list).
    assert isinstance(remote, ItemSpool) and [c.statement.order for c in remote] == [c.statement.order for c in local]
    assert [c.others for c in remote] == [c.others for c in local]


def test_a_worker_killed_mid_run_has_its_tasks_retried(corpus):
    """Worker processes; one is killed once the first batch is back, with batches still out."""
    from factcheck.reports import render

    local = render(pipeline.audit([corpus[0]], Settings(jobs=1)), "json")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as processes, distributed.Client(processes) as client:
        pids = sorted(client.run(os.getpid).values())
        killed = []

        def kill_one(done: int, total: int, path: str) -> None:
            if not killed:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(done)

        result = pipeline.audit([corpus[0]], Settings(scheduler=processes.scheduler_address), on_progress=kill_one)
    assert killed and killed[0] < 60
    assert render(result, "json") == local


def test_a_worker_killed_during_the_check_has_the_check_run_again(corpus, monkeypatch):
    """Worker processes; one is killed once the check's first stages are done, with the
    statements sent to its holder and its parts' values there. Nothing of the check is a task
    that Dask could run again (the holders keep the values): the check fails, runs again with
    new holders and the statements sent out again from the client's file, and the run finds what
    ``--jobs 1`` finds."""
    from factcheck.cluster import holders, shuffle
    from factcheck.reports import render

    checks = []
    checked = shuffle.find_conflicts

    def counted(*args, **kwargs):
        checks.append(len(args[1]))  # the parts sent out
        return checked(*args, **kwargs)

    monkeypatch.setattr(shuffle, "find_conflicts", counted)

    local = render(pipeline.audit([corpus[0]], Settings(jobs=1)), "json")
    monkeypatch.setattr(shuffle, "PART_DOCUMENTS", 8)
    monkeypatch.setattr(shuffle, "PARTITION_DOCUMENTS", 9)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as processes, distributed.Client(processes) as client:
        pids = sorted(client.run(os.getpid).values())
        run = holders.Holders.run
        stages: list[str] = []

        def killing(self, calls):
            calls = list(calls)
            stages.append(calls[0][1])
            if stages.count("compute") == 2 and calls[0][1] == "send" and len(checks) == 1:
                os.kill(pids[0], signal.SIGKILL)  # after the words' totals, as they are sent on
            return run(self, calls)

        monkeypatch.setattr(holders.Holders, "run", killing)
        result = pipeline.audit([corpus[0]], Settings(scheduler=processes.scheduler_address))
        after = set(client.run(os.getpid).values())
    assert pids[0] not in after and pids[1] in after  # the killed one gone, its work done elsewhere
    assert len(checks) == 2 and checks[0] == checks[1] > 2  # run again, every part sent out again
    assert render(result, "json") == local


def test_a_holder_keeps_its_budget_in_memory_and_the_rest_on_disk(corpus, monkeypatch):
    """What a worker keeps between the check's steps is its holder's: at most ``HELD_IN_MEMORY``
    in memory, the rest on disk in the worker's directory. With a budget of 16 KB, far under
    what 60 documents' statements and exchange pieces take, each holder writes to disk, and the
    run finds what ``--jobs 1`` finds; once the check is done nothing is left in its store."""
    from factcheck.cluster import holders
    from factcheck.cluster.session import local_cluster
    from factcheck.reports import render

    local = render(pipeline.audit([corpus[0]], Settings(jobs=1)), "json")
    monkeypatch.setattr(holders, "HELD_IN_MEMORY", 16_000)
    kept: list[dict] = []
    close = holders.Holders.close

    def looked_at(self):
        if self._futures:
            kept.append(dict(zip(self.workers, self.run([(address, "held", ()) for address in self.workers]))))
        close(self)

    monkeypatch.setattr(holders.Holders, "close", looked_at)
    with local_cluster(2) as small, distributed.Client(small) as client:
        result = pipeline.audit([corpus[0]], Settings(scheduler=small.scheduler_address))
        # Nor do they keep a profile of the stacks they ran (it grows for 1,000 s of a run).
        profiles = client.run(lambda dask_worker: (sorted(dask_worker.periodic_callbacks),
                                                   len(dask_worker.profile_history)))
        # And their streams and the scheduler's keep their last 100 messages (Dask: 1,000).
        logs = {*client.run(lambda dask_worker: dask_worker.batched_stream.recent_message_log.maxlen).values(),
                *client.run_on_scheduler(lambda dask_scheduler: [
                    stream.recent_message_log.maxlen for stream in dask_scheduler.stream_comms.values()])}
    assert render(result, "json") == local
    found = {(Path(f.path).name, f.excerpt, f.code) for f in result.corpus_findings}
    assert {(p.path, p.value, "DATE001" if p.kind == "date" else "NUM001") for p in corpus[1]} <= found
    (held,) = kept
    # Per holder: one value left (the common keys' counts, read by every part), none on disk,
    # and more written to disk on the way than the budget.
    assert all(values == 1 and on_disk == 0 and written > 16_000 for values, on_disk, written in held.values()), held
    assert all("profile" not in callbacks and not history for callbacks, history in profiles.values()), profiles
    assert logs == {100}


def test_the_workers_we_start_leave_ctrl_c_to_the_command():
    """A terminal's Ctrl-C goes to every process of its foreground group: the worker processes of
    the cluster ``--scheduler dask`` starts ignore it (they printed Dask's tracebacks over the
    command's one line), from their start and after a restart; the command's own handler is
    back once the cluster is up."""
    import signal

    from factcheck.cluster.session import local_cluster

    before = signal.getsignal(signal.SIGINT)
    with local_cluster(1) as processes, distributed.Client(processes) as client:
        assert signal.getsignal(signal.SIGINT) is before
        handlers = client.run(lambda: int(signal.getsignal(signal.SIGINT)))
        assert set(handlers.values()) == {int(signal.SIG_IGN)}, handlers
        ((address, pid),) = client.run(os.getpid).items()
        os.kill(pid, signal.SIGKILL)  # its nanny starts another, outside our start-up
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and set(client.nthreads()) in (set(), {address}):
            time.sleep(0.2)
        restarted = client.run(lambda: (os.getpid(), int(signal.getsignal(signal.SIGINT))))
        assert [ignored for new_pid, ignored in restarted.values() if new_pid != pid] == [int(signal.SIG_IGN)]


def test_sigint_is_ignored_while_the_cluster_starts_and_put_back_after():
    """What the worker processes inherit as the cluster starts them, and what the command has back."""
    import signal
    import threading

    from factcheck.cluster.interrupts import spawned_ignoring_interrupts

    def mine(signum, frame):  # a caller's own handler
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGINT, mine)
    try:
        with spawned_ignoring_interrupts():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGINT) is mine
        seen: list = []
        thread = threading.Thread(target=lambda: seen.append(spawned_ignoring_interrupts().__enter__()))
        thread.start()
        thread.join()
        assert seen == [None] and signal.getsignal(signal.SIGINT) is mine  # another thread: left alone
    finally:
        signal.signal(signal.SIGINT, before)


def test_the_client_keeps_its_last_100_messages_not_1000(cluster, tmp_path, monkeypatch):
    """Dask keeps each batched stream's last messages for debugging, 1,000 by default; a
    client's carry each batch's paths and pickled settings, so it grew with the corpus until the
    1,000th. The client of a run keeps 100 (``DASK_SETTINGS``): here, of more than 100 sent (a
    batch of one document each, one out at a time per worker)."""
    from factcheck.cluster import session

    write_corpus(tmp_path, 200, seed=3, conflict_every=6)
    monkeypatch.setattr(session, "MAX_BATCH", 1)
    monkeypatch.setattr(session, "IN_FLIGHT_PER_WORKER", 1)
    clients: list = []
    connected = distributed.Client.__init__

    def recording(self, *args, **kwargs):
        connected(self, *args, **kwargs)
        clients.append(self)

    monkeypatch.setattr(distributed.Client, "__init__", recording)
    result = pipeline.audit([tmp_path], Settings(scheduler=cluster))
    assert len(result.documents) == 200
    (client,) = clients
    stream = client.scheduler_comm  # the client's own stream to the scheduler
    assert stream.batch_count > 100
    assert len(stream.recent_message_log) == stream.recent_message_log.maxlen == 100


def test_without_dask_a_one_line_error_says_how_to_install_it(monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    status, out, err = _json([str(FIXTURES), "--scheduler", "dask"], monkeypatch, capsys)
    assert status == 2 and out == ""
    assert err == ("factcheck: error: scheduler: Dask is not installed (distributed missing): "
                   "pip install 'factcheck[dask]'\n")


def test_the_scheduler_setting_is_checked_and_named(tmp_path, monkeypatch, capsys):
    (tmp_path / "factcheck.toml").write_text('scheduler = "dask://nowhere"\n')
    monkeypatch.chdir(tmp_path)
    from factcheck.cli import main

    assert main(["audit", str(FIXTURES), "--no-html", "--no-claims"]) == 2
    assert capsys.readouterr().err == ("factcheck: error: factcheck.toml: invalid value for 'scheduler': Value error, "
                                       "not 'dask' nor a scheduler address such as tcp://HOST:8786\n")


def test_an_unreachable_scheduler_is_a_usage_error(monkeypatch, capsys):
    import dask

    monkeypatch.setitem(dask.config.config["distributed"]["comm"]["timeouts"], "connect", "1s")
    status, out, err = _json([str(FIXTURES), "--scheduler", "tcp://127.0.0.1:9"], monkeypatch, capsys)
    assert status == 2 and out == ""
    assert err.startswith("factcheck: error: scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert err.count("\n") == 1


def test_a_tls_scheduler_without_dask_tls_settings_is_a_usage_error(monkeypatch, capsys):
    """Dask refuses a tls:// address with no TLS configured with a TypeError: a one-line usage
    error saying what is missing, not an internal error."""
    status, out, err = _json([str(FIXTURES), "--scheduler", "tls://127.0.0.1:1"], monkeypatch, capsys)
    assert status == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("factcheck: error: scheduler: cannot connect to the Dask scheduler at tls://127.0.0.1:1: ")
    assert err.endswith("(a tls:// scheduler needs Dask's distributed.comm.tls settings)\n")


def test_limits_given_for_a_cluster_run_are_said_not_to_apply(cluster, corpus, monkeypatch, capsys):
    """``--time-limit`` and ``--memory-limit`` cannot be set in a Dask worker's threads: given on
    the command line with ``--scheduler``, a warning says so (they were accepted without a word)."""
    local = _json([str(corpus[0]), "--jobs", "1"], monkeypatch, capsys)
    status, out, err = _json([str(corpus[0]), "--scheduler", cluster, "--time-limit", "5", "--memory-limit", "900"],
                             monkeypatch, capsys)
    assert (status, out) == local[:2]
    assert err == ("factcheck: warning: --time-limit and --memory-limit do not apply on a Dask cluster (its workers "
                   "audit in threads, where they cannot be set; a worker's own memory limit still stops a runaway "
                   "document)\n")
    assert _json([str(corpus[0]), "--scheduler", cluster], monkeypatch, capsys)[2] == ""


def test_a_plain_run_never_imports_dask():
    code = ("import sys; from factcheck.cli import main; main(['audit', sys.argv[1], '--no-html', '--no-claims', "
            "'-q', '--format', 'json']); print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('dask', 'distributed')), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(FIXTURES)], capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_a_batch_task_carries_its_paths_packed_and_its_work_pickled():
    """What Dask keeps of each batch until the check: its paths compressed into one bytes
    object, not a list of strings, and the work pickled once by the client (the scheduler keeps
    a task's arguments as it unpickles them: the settings were some 50 objects a batch)."""
    from factcheck.cluster.session import audit_batch, packed_paths, pickled_work, unpacked_paths

    paths = [f"/srv/archive/2019/section-{n % 40:02d}/article-{n:08d}.txt" for n in range(250)]
    # A newline, an undecodable byte (a surrogate of os.fsdecode), a lone surrogate of another
    # range (a name the run's path list takes: factcheck.spool keeps them), an empty name.
    odd = ["/srv/a file\nwith a newline.txt", os.fsdecode(b"/srv/caf\xe9-latin1.txt"), "/srv/\ud800.txt",
           "relative/./name.md", ""]
    packed = packed_paths([*paths, *odd])
    assert type(packed) is bytes and len(packed) < len("".join(paths)) / 10
    assert unpacked_paths(packed) == [*paths, *odd]  # every path as given
    assert unpacked_paths(packed_paths([Path("/srv/x.txt")])) == ["/srv/x.txt"]
    for refused in ([], ["/srv/a\0b.txt"]):  # nothing to audit; NUL, which no file name holds
        with pytest.raises(ValueError):
            packed_paths(refused)
    reason = "not read"

    def work(path: str):  # a closure: pickled by Dask's own pickler
        return InputError(path, reason)

    outcomes, statements = audit_batch(pickled_work(work), packed_paths(["/srv/a.txt", "/srv/b.txt"]))
    assert [(o.path, o.message) for o in outcomes] == [("/srv/a.txt", "not read"), ("/srv/b.txt", "not read")]
    assert pickle.loads(statements) == []


def test_reports_and_ledgers_made_on_the_cluster_equal_jobs_1s(cluster, corpus, monkeypatch, tmp_path, capsys):
    """With the command's default outputs the workers make each document's HTML report and claim
    ledger (``factcheck.reports.prepared``) and the client copies them: the same files as a local
    run, byte for byte; the client renders only the pages of the documents a corpus finding names."""
    import factcheck.reports.html.render as html_render
    from factcheck.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def outputs(name: str, *options: str) -> dict[str, bytes]:
        assert main(["audit", str(corpus[0]), "--out", str(tmp_path / name / "reports"), "--claims",
                     str(tmp_path / name / "claims"), "-q", "--isolated", "--exit-zero", *options]) == 0
        capsys.readouterr()
        return {f"{p.parent.name}/{p.name}": p.read_bytes() for p in sorted((tmp_path / name).rglob("*.*"))}

    local = outputs("local", "--jobs", "1")
    rendered = made_here(monkeypatch, html_render, "build_document_view")
    remote = outputs("remote", "--scheduler", cluster, "--format", "json", "--output", str(tmp_path / "remote.json"))
    assert remote == local and len(local) == 2 * 60 + 1  # a page and a ledger a document, and the index
    # The workers are threads of this process here: each page was made once on a worker, and
    # again by the client only for the documents that a finding between documents names.
    corpus_findings = json.loads((tmp_path / "remote.json").read_text(encoding="utf-8"))["corpus_findings"]
    named = {Path(path).name for f in corpus_findings for path in (f["path"], *(r["path"] for r in f["related"]))}
    assert {Path(p.path).name for p in corpus[1]} <= named
    again = {name for name in rendered if rendered.count(name) == 2}
    assert again == named and len(rendered) == 60 + len(named)


def test_a_baseline_is_applied_on_the_workers_for_the_pages_they_make(cluster, monkeypatch, tmp_path, capsys):
    """With a baseline file the workers make each page of the document less the findings the
    baseline accepts (``factcheck.suppress.suppressed_alone``): the same files as a local run, and
    the client renders again no pages but some of those it renders without a baseline (where a
    finding in another file or between documents is), where it rendered every page the baseline
    changed."""
    import factcheck.reports.html.render as html_render
    from factcheck.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    baseline = tmp_path / "accepted.json"
    assert main(["baseline", str(SOURCES), "--baseline", str(baseline), "-q", "--isolated", "--jobs", "1"]) == 0
    accepted = {entry["path"] for entry in json.loads(baseline.read_text(encoding="utf-8"))["findings"]}
    assert len(accepted) >= 5

    def outputs(name: str, *options: str) -> dict[str, bytes]:
        assert main(["audit", str(SOURCES), "--out", str(tmp_path / name / "reports"), "--claims",
                     str(tmp_path / name / "claims"), "-q", "--isolated", "--exit-zero", *options]) == 0
        capsys.readouterr()
        return {f"{p.parent.name}/{p.name}": p.read_bytes() for p in sorted((tmp_path / name).rglob("*.*"))}

    local = outputs("local", "--jobs", "1", "--baseline", str(baseline))
    rendered = made_here(monkeypatch, html_render, "build_document_view")
    outputs("plain", "--scheduler", cluster)
    again_without = sorted(name for name in set(rendered) if rendered.count(name) == 2)
    rendered.clear()
    remote = outputs("remote", "--scheduler", cluster, "--baseline", str(baseline))
    again = sorted(name for name in set(rendered) if rendered.count(name) == 2)
    assert remote == local
    assert set(again) <= set(again_without) and again_without  # (a finding in a .bib, accepted here)