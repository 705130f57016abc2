"""Scanned copies of our own fixture PDFs, made at test time: rasterised, optionally degraded like a scan.

A clean scan is the page rendered to an image.  A scan-like copy is turned
slightly, blurred, speckled with noise and JPEG-compressed, as a photocopied
page run through an office scanner comes out.  Either is wrapped as a PDF with
no text layer (one image per page); :func:`partly_scanned` swaps chosen pages
of a text PDF for their scans.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

SCAN_DPI = 200


def page_images(pdf_path: Path, pages: list[int] | None = None, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """The pages (1-based; all when None) rendered to grey images."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        numbers = pages or list(range(1, len(pdf) + 1))
        return [pdf[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in numbers]
    finally:
        pdf.close()


def degrade(image: Image.Image, seed: int, angle: float = 0.8) -> Image.Image:
    """A scan-like copy: turned by ``angle`` degrees, blurred, noisy, JPEG quality 50."""
    rng = np.random.default_rng(seed)
    turned = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    blurred = turned.filter(ImageFilter.GaussianBlur(radius=1.0))
    pixels = np.asarray(blurred, dtype=np.float32) + rng.normal(0, 12, size=blurred.size[::-1])
    noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    noisy.save(buf, "JPEG", quality=50)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def image_pdf(images: list[Image.Image], dpi: int = SCAN_DPI) -> bytes:
    """A PDF of one full-page image per page and no text layer."""
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buf.getvalue()


def scanned(pdf_path: Path, pages: list[int] | None = None, scan_like: bool = False, seed: int = 0) -> bytes:
    """An image-only PDF of ``pages`` of ``pdf_path``, clean or scan-like (angles alternate 0.6°–1.4°)."""
    images = page_images(pdf_path, pages)
    if scan_like:
        images = [degrade(im, seed + i, angle=(0.6 + 0.8 * (i % 2)) * (-1) ** i) for i, im in enumerate(images)]
    return image_pdf(images)


def partly_scanned(pdf_path: Path, scan_pages: list[int], scan_like: bool = True) -> bytes:
    """``pdf_path`` with the pages ``scan_pages`` (1-based) replaced by their scans."""
    text = pdfium.PdfDocument(str(pdf_path))
    scans = pdfium.PdfDocument(scanned(pdf_path, scan_pages, scan_like))
    out = pdfium.PdfDocument.new()
    try:
        for n in range(1, len(text) + 1):
            if n in scan_pages:
                out.import_pages(scans, [scan_pages.index(n)])
            else:
                out.import_pages(text, [n - 1])
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        for doc in (out, scans, text):
            doc.close()
