"""The pdfium calls made once per character or page object, declared for the least ctypes work per call.

pypdfium2's bindings give every argument and result a pointer type, so each
call checks and wraps pointers: for tiny functions called thousands of times
per page (one per character, one per page object) that is about a third of
their cost.  Here the same functions of the same loaded library are declared
again: handles are :class:`Handle` values (a ``c_void_p`` kept as it is, so
passing one on converts nothing), and the hottest calls (:data:`_UNCHECKED`:
a handle, an ``int`` index, out-parameters by ``byref``) have no ``argtypes``
at all, which spares ctypes building a converted object per argument (~35%
of such a call).  Those take only handles, ints that fit a C ``int`` and
``byref`` out-parameters, never a bare address.  The page-object getters
return bare addresses (ints: cheaper than a Handle for the thousands of text
objects of a page), which only the typed ``FPDFPageObj_GetType`` takes; the
objects kept are made Handles.  Where pypdfium2 does not
expose its library handle, :data:`FAST` is False and the typed bindings are
used through the same names (the tests run both).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

import pypdfium2.raw as pdfium_c


class Handle(ctypes.c_void_p):
    """A pdfium handle as returned by the calls below: passed on to another call as it is."""


_P, _I, _H = ctypes.c_void_p, ctypes.c_int, Handle

# name: (argument types, result type)
_SIGNATURES: dict[str, tuple[list[Any], Any]] = {
    "FPDFPage_CountObjects": ([_P], _I),
    "FPDFPage_GetObject": ([_P, _I], _P),  # an address (an int, None for NULL): cheaper than a Handle
    "FPDFFormObj_CountObjects": ([_P], _I),
    "FPDFFormObj_GetObject": ([_P, ctypes.c_ulong], _P),
    "FPDFPageObj_GetType": ([_P], _I),  # typed: takes the addresses above
    "FPDFPath_GetDrawMode": ([_P, _P, _P], _I),
    "FPDFPageObj_GetBounds": ([_P, _P, _P, _P, _P], _I),
    "FPDFPageObj_GetFillColor": ([_P, _P, _P, _P, _P], _I),
    "FPDFPageObj_GetStrokeColor": ([_P, _P, _P, _P, _P], _I),
    "FPDFText_GetLooseCharBox": ([_P, _I, _P], _I),
}


# Called once per character or page object, with (handle, C int, byref ...) arguments only: no argtypes.
_UNCHECKED = {
    "FPDFPage_GetObject",
    "FPDFPath_GetDrawMode",
    "FPDFPageObj_GetBounds",
    "FPDFPageObj_GetFillColor",
    "FPDFPageObj_GetStrokeColor",
    "FPDFText_GetLooseCharBox",
}


def handle(raw: Any) -> Handle:
    """A pypdfium2 handle (page, text page) as a :class:`Handle` for the calls here."""
    return Handle(address(raw))


def address(handle: Any) -> int:
    """The address of a pypdfium2 handle (page, text page, page object) as an int (0 for NULL)."""
    if isinstance(handle, int):
        return handle
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _fast_functions() -> dict[str, Callable[..., Any]] | None:
    try:
        from pypdfium2_raw import bindings

        library = bindings._libs["pdfium"]
    except (ImportError, AttributeError, KeyError):
        return None
    functions = {}
    for name, (argtypes, restype) in _SIGNATURES.items():
        function = library[name]  # a new function object: pypdfium2's own declarations stay as they are
        function.argtypes, function.restype = (None if name in _UNCHECKED else argtypes), restype
        functions[name] = function
    return functions


_POINTER_TYPES = {
    "FPDFPage_CountObjects": [pdfium_c.FPDF_PAGE],
    "FPDFPage_GetObject": [pdfium_c.FPDF_PAGE, None],
    "FPDFFormObj_CountObjects": [pdfium_c.FPDF_PAGEOBJECT],
    "FPDFFormObj_GetObject": [pdfium_c.FPDF_PAGEOBJECT, None],
    "FPDFPageObj_GetType": [pdfium_c.FPDF_PAGEOBJECT],
    "FPDFPath_GetDrawMode": [pdfium_c.FPDF_PAGEOBJECT, None, None],
    "FPDFPageObj_GetBounds": [pdfium_c.FPDF_PAGEOBJECT, None, None, None, None],
    "FPDFPageObj_GetFillColor": [pdfium_c.FPDF_PAGEOBJECT, None, None, None, None],
    "FPDFPageObj_GetStrokeColor": [pdfium_c.FPDF_PAGEOBJECT, None, None, None, None],
    "FPDFText_GetLooseCharBox": [pdfium_c.FPDF_TEXTPAGE, None, ctypes.POINTER(pdfium_c.FS_RECTF)],
}


def _typed(name: str) -> Callable[..., Any]:
    """pypdfium2's own function behind the int interface (handles cast to its pointer types)."""
    function = getattr(pdfium_c, name)
    kinds = _POINTER_TYPES[name]
    returns = _SIGNATURES[name][1]

    def call(*args: Any) -> Any:
        cast = [a if k is None or not isinstance(a, (int, _P)) else ctypes.cast(a, k) for a, k in zip(args, kinds)]
        result = function(*cast)
        if returns is _H:
            return Handle(address(result))
        return (address(result) or None) if returns is _P else result

    return call


def functions(fast: bool = True) -> dict[str, Callable[..., Any]]:
    """The calls by name: declared here when available (and ``fast``), else pypdfium2's behind the same interface."""
    found = _fast_functions() if fast else None
    return found if found is not None else {name: _typed(name) for name in _SIGNATURES}


def page_object(handle: Any) -> Any:
    """A page object address as pypdfium2's pointer type, for the calls not declared here."""
    return ctypes.cast(handle, pdfium_c.FPDF_PAGEOBJECT)


CALLS = functions()
FAST = all(isinstance(f, ctypes._CFuncPtr) for f in CALLS.values())
