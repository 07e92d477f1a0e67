"""Everything Rapport keeps on disk: the session history and report exports (no Qt)."""

from .exports import ExportError, report_csv_rows, report_json, write_csv, write_json
from .history import History, HistoryError, SessionRecord
from .paths import DataFolderError, data_dir, log_file

__all__ = [
    "DataFolderError",
    "ExportError",
    "History",
    "HistoryError",
    "SessionRecord",
    "data_dir",
    "log_file",
    "report_csv_rows",
    "report_json",
    "write_csv",
    "write_json",
]
