"""Print an HTML document to an A4 PDF, written to a temporary name and moved
into place so a failed write never leaves half a file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from simulator.storage.exports import ExportError


def write_html_pdf(html: str, path: Path, title: str,
                   images: Mapping[str, QImage] | None = None) -> Path:
    """Print HTML to an A4 PDF, written beside and then moved into place, so a failed
    write never leaves half a file. `images` are resources the HTML names by URL."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    document = QTextDocument()
    document.setDocumentMargin(0)
    for url, image in (images or {}).items():
        if not image.isNull():
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
    document.setHtml(html)
    temp = path.with_name(f".{path.name}.tmp")
    writer = QPdfWriter(str(temp))
    writer.setTitle(title)
    writer.setCreator("Rapport")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    writer.setResolution(150)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer  # finishes the file
    try:
        if not temp.exists():
            raise FileNotFoundError(2, "the folder could not be written to")
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ExportError(f"Rapport could not save {path.name} in {path.parent} "
                          f"({error.strerror or error}); choose another folder and "
                          "try again.") from error
    return path
