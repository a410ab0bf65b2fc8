from frontlines.document import Comment, Document, make_doc_id
from frontlines.store import SCHEMA_VERSION, Store


def _doc(text: str) -> Document:
    paras = [text]
    comments = [Comment("c1", None, "a", None, 0, "hi"), Comment("c2", "c1", "b", None, 1, "reply")]
    return Document(doc_id=make_doc_id("T", paras, comments), source_id="x", title="T", paragraphs=paras,
                    comments=comments)


def test_migrations_apply_once(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
    with Store(path) as s:
        assert s.migrate() == []
        assert {"documents", "comments", "quarantine", "mentions"} <= set(s.tables())


def test_add_is_idempotent(store):
    r1 = store.add_documents([_doc("one"), _doc("two")])
    r2 = store.add_documents([_doc("one")])
    assert (r1.new, r1.existing) == (2, 0)
    assert (r2.new, r2.existing) == (0, 1)
    assert store.count("documents") == 2
    assert store.count("comments") == 4
    back = {d.paragraphs[0]: d for d in store.documents()}
    assert back["one"].comments[1].parent_id == "c1"


def test_doc_id_ignores_typography():
    assert make_doc_id("A", ["it\u2019s  here"]) == make_doc_id("A", ["it's here"])
    assert make_doc_id("A", ["x"]) != make_doc_id("A", ["y"])


def test_export_roundtrip(store, tmp_path):
    store.add_documents([_doc("one")])
    assert store.export_documents(tmp_path / "d.jsonl") == 1
    assert store.export_documents(tmp_path / "d.parquet") == 1
    assert (tmp_path / "d.jsonl").read_text().count("\n") == 1


def test_opening_waits_for_a_brief_reader_in_another_process(tmp_path):
    """The desk holds the store read-only for a moment; a writer opening then waits instead of failing."""
    import subprocess
    import sys

    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time, duckdb; c = duckdb.connect(sys.argv[1], "
                               "read_only=True); print('held', flush=True); time.sleep(1.5); c.close()", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with Store(db) as s:  # would raise StoreLocked at once without the wait
            s.con.execute("CREATE TABLE probe AS SELECT 1 AS x")
    finally:
        holder.wait(timeout=30)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT x FROM probe").fetchone() == (1,)
