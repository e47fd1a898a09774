"""Fuzzing the readers of tables (issue #16): whatever the bytes or the cells,
``Portfolio.read_csv``, ``Portfolio.read_excel`` and ``from_frames`` either return a portfolio
that validates or raise one of the package's own errors (:class:`leverans.LeveransError`:
``ValidationError``, ``ParseError``, ``FileError``), never another exception (no raw
``UnicodeDecodeError``, ``KeyError``, pandas or openpyxl internals). A ``ValidationError``
lists issues with every documented key, each naming its table (or file) and field; a cell
made plainly wrong by a mutation is named by its table, row and column (and, in a file, by
the row a spreadsheet shows).

Three kinds of input for each reader: arbitrary bytes (and CSV-like text, so that the parser
gets past the header), byte mutations of a valid file (for a workbook, also of the XML inside
it), and structure-aware mutations of a valid table set: a cell set to NaN, inf, a negative
or huge number, text, an impossible date, an unknown id, any Python value for
``from_frames``; a column dropped, a row duplicated or dropped, a header's case changed, a
table emptied or left out. The valid sets are the two seeds of the core's fuzz corpus:
``two-teams.json`` (every kind of table) and the Tyresö example, written with the package's
own writers.

The default run is short and the same every time (``derandomize``, 200 examples a test);
``LEVERANS_FUZZ_EXAMPLES=20000`` runs longer and ``LEVERANS_FUZZ_SEED=<int>`` draws other
inputs. ``pytest --hypothesis-show-statistics`` shows how many inputs read and which errors
the others raised (BENCHMARKS.md has the figures of a long run).
"""

from __future__ import annotations

import io
import math
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Callable, Optional

# Imported, not skipped when missing: the `test` extra has it, and a fuzz test that skips
# itself would pass by accident.
from hypothesis import HealthCheck, event, given, settings
from hypothesis import seed as fixed_seed
from hypothesis import strategies as st

import leverans as lv
from leverans.errors import ISSUE_KEYS
from leverans.frames import TABLES

REPO = Path(__file__).resolve().parents[2]
SEEDS = {
    "two-teams": REPO / "core" / "tests" / "fuzz_corpus" / "two-teams.json",
    "tyreso": REPO / "examples" / "tyreso-2013" / "portfolio.json",
}
EXAMPLES = int(os.environ.get("LEVERANS_FUZZ_EXAMPLES", "200"))
SEED = os.environ.get("LEVERANS_FUZZ_SEED")


def fuzz(test: Callable[..., None]) -> Callable[..., None]:
    """The settings of every test here: a fixed, derandomised run unless a seed is given."""
    test = settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=SEED is None,
        suppress_health_check=list(HealthCheck),
    )(test)
    return fixed_seed(int(SEED))(test) if SEED is not None else test


# ------------------------------------------------------------------------------- the contract


@dataclass(frozen=True)
class Mutation:
    """One edit of a table set; ``cell`` edits say where and what, for the failure report
    and for :func:`assert_named`."""

    op: str
    table: str
    row: Optional[int] = None
    column: Optional[str] = None
    value: Any = None


def check_issues(err: lv.ValidationError) -> None:
    """Every issue has the documented keys, a stable snake_case code and names a place."""
    assert err.issues, "a ValidationError without issues"
    for issue in err.issues:
        assert set(ISSUE_KEYS) <= set(issue), issue
        assert re.fullmatch(r"[a-z][a-z0-9_]*", str(issue["code"])), issue
        assert issue["message"] and issue["entity"], issue
        if issue.get("row") is not None:
            assert issue["field"], issue
        if "source" in issue:
            assert issue["source"] in issue["message"], issue
        if issue.get("line") is not None:
            assert issue["line"] >= 1, issue
    str(err)
    err.to_frame()


def read_or_documented_error(read: Callable[[], lv.Portfolio]) -> Any:
    """The portfolio ``read`` returns (it must validate) or the LeveransError it raises; any
    other exception fails the test with its traceback."""
    try:
        p = read()
    except lv.ValidationError as err:
        check_issues(err)
        event(f"ValidationError {sorted(set(err.codes()))[:3]}")
        return err
    except lv.LeveransError as err:
        event(type(err).__name__)
        return err
    assert isinstance(p, lv.Portfolio)
    assert p.validate() == []
    event("read")
    return p


# Text no number, date, whole number or boolean column takes.
NOT_A_VALUE = ("abc", "zzz-unknown", "=1/0")


def assert_named(outcome: Any, mutations: list[Mutation], first_line: Optional[int]) -> None:
    """A single edit that put text into a number, whole, date or bool column must be
    reported at its table, row and column (and spreadsheet row ``row + first_line``)."""
    m = mutations[0]
    if len(mutations) != 1 or m.op != "cell" or not isinstance(m.value, str):
        return
    if m.value not in NOT_A_VALUE:
        return
    if m.table not in TABLES:  # the calendar and portfolio sheets
        return
    kinds = {c.name: c.kind for c in TABLES[m.table]}
    kind = "number" if str(m.column).startswith("hours:") else kinds.get(str(m.column))
    if not isinstance(kind, str) or kind == "text":
        return
    assert isinstance(outcome, lv.ValidationError), (m, outcome)
    places = {(i["entity"], i.get("row"), i["field"], i.get("line")) for i in outcome.issues}
    line = None if first_line is None else m.row + first_line  # type: ignore[operator]
    assert (m.table, m.row, m.column, line) in places, (m, outcome.issues)


# --------------------------------------------------------------------------------- the seeds


@cache
def seed_portfolio(name: str) -> lv.Portfolio:
    return lv.Portfolio.read(SEEDS[name])


def seed_frames(name: str) -> dict[str, Any]:
    """The seed's tables with object columns, so that any cell can take any value."""
    return {t: df.astype(object) for t, df in seed_portfolio(name).to_frames().items()}


def options_of(p: lv.Portfolio) -> dict[str, Any]:
    return {
        "name": p.name,
        "max_go_lives_per_period": p.max_go_lives_per_period,
        "frozen_until": p.frozen_until,
    }


DIALECTS = {"comma": (",", "."), "swedish": (";", ",")}


def write_csv_folder(folder: Path, frames: dict[str, Any], dialect: str) -> None:
    """Writes each table as a CSV file; in the Swedish dialect every number has a decimal
    comma, as Excel writes it (pandas does that for float columns only)."""
    sep, decimal = DIALECTS[dialect]

    def cell(v: Any) -> Any:
        if isinstance(v, float) and math.isfinite(v) and decimal == ",":
            return repr(v).replace(".", ",")
        return v

    for table, df in frames.items():
        df.map(cell).to_csv(folder / f"{table}.csv", index=False, sep=sep)


def read_csv_folder(folder: Path, calendar: Any, **options: Any) -> Any:
    return read_or_documented_error(lambda: lv.Portfolio.read_csv(folder, calendar, **options))


@cache
def seed_csv(name: str, dialect: str) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        write_csv_folder(Path(tmp), seed_frames(name), dialect)
        return {p.name: p.read_bytes() for p in Path(tmp).iterdir()}


@cache
def seed_workbook(name: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.xlsx"
        seed_portfolio(name).to_excel(path)
        return path.read_bytes()


def test_the_seeds_read_back_unchanged() -> None:
    """The mutations start from inputs that read: each seed, through both CSV dialects and a
    workbook, gives back the portfolio it was written from."""
    for name in SEEDS:
        p = seed_portfolio(name)
        for dialect in DIALECTS:
            with tempfile.TemporaryDirectory() as tmp:
                write_csv_folder(Path(tmp), seed_frames(name), dialect)
                assert lv.Portfolio.read_csv(tmp, p.calendar, **options_of(p)) == p
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "p.xlsx").write_bytes(seed_workbook(name))
            assert lv.Portfolio.read_excel(Path(tmp) / "p.xlsx") == p
            sheets = seed_sheets(name)
            (Path(tmp) / "q.xlsx").write_bytes(workbook_bytes(sheets))
            assert lv.Portfolio.read_excel(Path(tmp) / "q.xlsx") == p


# ------------------------------------------------------------------------------- strategies

# Characters a CSV parser treats specially, and a few that encodings do.
CSV_ALPHABET = st.sampled_from(list(',;"\n\r\t .-:0123456789eE+abcdxyzåäöÅ\u00a0\ufeff\x00\\'))
CSV_CELLS = st.one_of(
    st.text(CSV_ALPHABET, max_size=8),
    st.sampled_from(["1", "0", "-1", "1e308", "1e400", "nan", "inf", "2014-02-30", "a", "b"]),
    st.sampled_from(["dev", "ops", "10 000", "12,5", '"a;b"', "true", "2014-01-06", "9" * 30]),
)


@st.composite
def csv_like(draw: Any, table: str) -> bytes:
    """A header of mostly the table's own columns, then rows of cells built from CSV's
    special characters and values the columns take, in an encoding a CSV arrives in."""
    sep = draw(st.sampled_from([",", ";", "\t"]))
    names = [c.name for c in TABLES[table]] + (["hours:dev"] if table == "orders" else [])
    header = draw(st.lists(st.sampled_from([*names, "", "ID", "x"]), max_size=len(names)))
    rows = draw(st.lists(st.lists(CSV_CELLS, max_size=len(header) + 1), max_size=5))
    text = "\n".join(sep.join(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


def file_bytes(table: str) -> Any:
    return st.one_of(st.binary(max_size=200), csv_like(table))


CSV_FOLDERS = st.fixed_dictionaries(
    {t: file_bytes(t) for t in ("orders", "teams")},
    optional={t: file_bytes(t) for t in TABLES if t not in ("orders", "teams")},
)


@st.composite
def byte_mutations(draw: Any, data: bytes) -> bytes:
    """``data`` after one to four edits: a byte replaced, bytes inserted, a slice deleted or
    duplicated, or the file cut short."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(out)))
        op = draw(st.sampled_from(["replace", "insert", "delete", "duplicate", "truncate"]))
        if op == "replace" and at < len(out):
            out[at] = draw(st.integers(0, 255))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif op == "duplicate":
            out[at:at] = out[at : at + draw(st.integers(1, 64))]
        elif op == "truncate":
            del out[at:]
    return bytes(out)


# Values a cell is set to: the usual suspects, then anything.
BAD_VALUES = [
    math.nan,
    math.inf,
    -math.inf,
    -1,
    -0.5,
    0,
    1e308,
    10**30,
    2**63,
    "",
    " ",
    *NOT_A_VALUE,
    "12,5",
    "1 200",
    "2014-02-30",
    "2014-13-01",
    "0000-01-01",
    "9999-12-31",
    "-3",
    "true",
    "\x00",
    "²",
    "9" * 5000,
    "a" * 300,
]
CELL_VALUES = st.one_of(
    st.sampled_from(BAD_VALUES),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(),
    st.booleans(),
)
OPS = [
    *["cell", "cell", "cell", "unknown_id", "drop_column", "duplicate_row", "drop_row"],
    *["header", "unknown_column", "no_rows", "drop_table"],
]


@st.composite
def table_mutations(draw: Any, frames: dict[str, Any], values: Any = CELL_VALUES) -> list[Mutation]:
    """Applies one to three structure-aware edits to ``frames`` in place; returns them."""
    done = []
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(sorted(frames)))
        df = frames[table]
        op = draw(st.sampled_from(OPS))
        columns = list(df.columns)
        if op in ("cell", "unknown_id") and len(df) and columns:
            row = draw(st.integers(0, len(df) - 1))
            col = draw(st.sampled_from(columns))
            value = draw(values if op == "cell" else st.sampled_from(["zzz", "DEV", " a"]))
            df.iat[row, columns.index(col)] = value
            done.append(Mutation(op, table, row, col, value))
            continue
        if op == "drop_column" and columns:
            col = draw(st.sampled_from(columns))
            frames[table] = df.drop(columns=[col])
        elif op == "duplicate_row" and len(df):
            row = draw(st.integers(0, len(df) - 1))
            frames[table] = df.iloc[[*range(len(df)), row]].reset_index(drop=True)
        elif op == "drop_row" and len(df):
            row = draw(st.integers(0, len(df) - 1))
            frames[table] = df.drop(index=df.index[row]).reset_index(drop=True)
        elif op == "header" and columns:
            col = str(draw(st.sampled_from(columns)))
            new = draw(st.sampled_from([col.upper(), col.title(), f"{col} ", f"{col}.1", ""]))
            frames[table] = df.rename(columns={col: new})
        elif op == "unknown_column":
            frames[table] = df.assign(**{draw(st.sampled_from(["note", "hours:zzz"])): 1})
        elif op == "no_rows":
            frames[table] = df.iloc[0:0]
        elif op == "drop_table":
            del frames[table]
            done.append(Mutation(op, table))
            continue
        frames[table] = frames[table].astype(object)
        done.append(Mutation(op, table))
    return done


# ------------------------------------------------------------------------------ DataFrames


def pd_na() -> Any:
    import pandas as pd

    return pd.NA


def pd_nat() -> Any:
    import pandas as pd

    return pd.NaT


ANY_PYTHON_VALUE = st.one_of(
    CELL_VALUES,
    st.sampled_from(
        [None, 10**400, -(10**400), 1j, [1], {"a": 1}, b"\xff", object(), pd_na(), pd_nat()]
    ),
    st.decimals(allow_nan=True),
    st.datetimes(),
    st.timedeltas(),
)


@fuzz
@given(seed=st.sampled_from(sorted(SEEDS)), data=st.data())
def test_cell_mutations_of_valid_frames(seed: str, data: Any) -> None:
    """``from_frames`` itself, with any Python value in a cell, not only what a file holds."""
    frames = seed_frames(seed)
    mutations = data.draw(table_mutations(frames, ANY_PYTHON_VALUE))
    p = seed_portfolio(seed)
    orders, teams = frames.pop("orders", None), frames.pop("teams", None)
    outcome = read_or_documented_error(
        lambda: lv.from_frames(orders, teams, p.calendar, **frames, **options_of(p))
    )
    assert_named(outcome, mutations, None)


# --------------------------------------------------------------------------------------- CSV


@fuzz
@given(files=CSV_FOLDERS, swedish=st.booleans())
def test_arbitrary_bytes_as_csv_files(files: dict[str, bytes], swedish: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for table, data in files.items():
            (Path(tmp) / f"{table}.csv").write_bytes(data)
        options = {"sep": ";", "decimal": ","} if swedish else {}
        read_csv_folder(Path(tmp), lv.Calendar.weeks("2014-01-06", "2014-06-29"), **options)


@fuzz
@given(
    seed=st.sampled_from(sorted(SEEDS)),
    dialect=st.sampled_from(sorted(DIALECTS)),
    data=st.data(),
)
def test_byte_mutations_of_a_valid_csv_folder(seed: str, dialect: str, data: Any) -> None:
    files = dict(seed_csv(seed, dialect))
    name = data.draw(st.sampled_from(sorted(files)))
    files[name] = data.draw(byte_mutations(files[name]))
    p = seed_portfolio(seed)
    with tempfile.TemporaryDirectory() as tmp:
        for file, content in files.items():
            (Path(tmp) / file).write_bytes(content)
        read_csv_folder(Path(tmp), p.calendar, **options_of(p))


@fuzz
@given(
    seed=st.sampled_from(sorted(SEEDS)),
    dialect=st.sampled_from(sorted(DIALECTS)),
    data=st.data(),
)
def test_cell_mutations_of_a_valid_csv_folder(seed: str, dialect: str, data: Any) -> None:
    frames = seed_frames(seed)
    mutations = data.draw(table_mutations(frames))
    p = seed_portfolio(seed)
    with tempfile.TemporaryDirectory() as tmp:
        write_csv_folder(Path(tmp), frames, dialect)
        outcome = read_csv_folder(Path(tmp), p.calendar, **options_of(p))
    assert_named(outcome, mutations, 2)


# ------------------------------------------------------------------------------------- Excel


def read_workbook(data: bytes, calendar: Any = None) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.xlsx"
        path.write_bytes(data)
        return read_or_documented_error(lambda: lv.Portfolio.read_excel(path, calendar))


def workbook_bytes(sheets: dict[str, Any]) -> bytes:
    """The sheets as a workbook written cell by cell with openpyxl, every value as it is
    (numbers stay numbers, text stays text, even text starting with ``=``)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    wb = openpyxl.Workbook(write_only=True)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])

        def cell(v: Any, ws: Any = ws) -> Any:
            v = excel_value(v)
            if not isinstance(v, str):
                return v
            out = WriteOnlyCell(ws, value=v)
            out.data_type = "s"  # text, not a formula
            return out

        ws.append([str(c) for c in df.columns])
        for row in df.itertuples(index=False, name=None):
            ws.append([cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def excel_value(v: Any) -> Any:
    """What a user could have typed into the cell for ``v``."""
    if isinstance(v, float) and not math.isfinite(v):
        return None if math.isnan(v) else str(v)  # Excel has no inf: a user types "inf"
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 2**53:
        return float(v)  # Excel numbers are doubles
    if isinstance(v, str):
        return "".join(c for c in v if c >= " " or c in "\t\n\r")  # XML cannot hold the rest
    return v


def seed_sheets(name: str) -> dict[str, Any]:
    """The seed's sheets as the workbook holds them: its tables, then the one-row
    ``calendar`` and ``portfolio`` sheets (a fresh copy each time)."""
    return {title: df.copy() for title, df in _seed_sheets(name).items()}


@cache
def _seed_sheets(name: str) -> dict[str, Any]:
    import openpyxl
    import pandas as pd

    wb = openpyxl.load_workbook(io.BytesIO(seed_workbook(name)))
    sheets = {}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        sheets[ws.title] = pd.DataFrame(rows[1:], columns=rows[0], dtype=object)
    return sheets


@fuzz
@given(data=st.one_of(st.binary(max_size=300), csv_like("orders")))
def test_arbitrary_bytes_as_a_workbook(data: bytes) -> None:
    read_workbook(data)


@st.composite
def zip_member_mutations(draw: Any, data: bytes) -> bytes:
    """The workbook with one of its XML parts edited byte by byte and zipped again (edits of
    the zip itself mostly stop at its checksums)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    target = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for n in names:
            content = src.read(n)
            if n == target:
                content = draw(byte_mutations(content))
            dst.writestr(n, content)
    return out.getvalue()


@fuzz
@given(seed=st.sampled_from(sorted(SEEDS)), data=st.data())
def test_byte_mutations_of_a_valid_workbook(seed: str, data: Any) -> None:
    valid = seed_workbook(seed)
    mutated = data.draw(st.one_of(byte_mutations(valid), zip_member_mutations(valid)))
    read_workbook(mutated)


@fuzz
@given(seed=st.sampled_from(sorted(SEEDS)), with_calendar=st.booleans(), data=st.data())
def test_cell_mutations_of_a_valid_workbook(seed: str, with_calendar: bool, data: Any) -> None:
    sheets = seed_sheets(seed)
    values = st.one_of(CELL_VALUES, st.datetimes(), st.times())
    mutations = data.draw(table_mutations(sheets, values))
    calendar = seed_portfolio(seed).calendar if with_calendar else None
    outcome = read_workbook(workbook_bytes(sheets), calendar)
    assert_named(outcome, mutations, 2)
