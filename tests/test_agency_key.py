"""meta.agency_key: one agency whatever its printed name (SPEC, "Agencies across years")."""

from __future__ import annotations

import pytest

from pipeline.region import agency_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("洪泽区人民政府", "淮安市洪泽区人民政府"),
        ("淮安市洪泽区人民政府", "江苏省淮安市洪泽区人民政府"),
        ("淮安市人民政府办公室", "江苏省淮安市人民政府办公室"),
        ("淮安市 生态环境局", "淮安市生态环境局"),
    ],
)
def test_names_of_one_agency_share_a_key(a: str, b: str) -> None:
    assert agency_key(a) == agency_key(b) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("淮安市人民政府", "淮安市洪泽区人民政府"),  # city and county governments
        ("洪泽区人民政府", "洪泽区人民政府办公室"),  # the government and its office
        ("淮安市生态环境局", "淮安市交通运输局"),
    ],
)
def test_different_agencies_keep_different_keys(a: str, b: str) -> None:
    assert agency_key(a) != agency_key(b)


def test_the_key_reads_region_then_own_name() -> None:
    assert agency_key("淮安市洪泽区人民政府") == "江苏省/淮安市/洪泽区:人民政府"
    assert agency_key("某某县人民政府") == "//:某某县人民政府"  # no known place: the whole name
    assert agency_key(None) is None and agency_key("") is None
