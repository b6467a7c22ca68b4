"""Tests for journeylab.shopify on a hand-made Shopify orders export (one row per line item).

tests/fixtures/shopify/orders_export.csv: Anna's first order has two line items
(the second row leaves Source empty, as Shopify does), then she buys in the
store; Bo (once in capitals) uses the INSTA10 code, has an order cancelled and
buys again with SPRING; #1004 was a till sale without an e-mail address.
Times switch from +0100 to +0200 with summer time; the course keeps the shop's clock time.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from journeylab import data
from journeylab.errors import SchemaError
from journeylab.shopify import read_shopify_orders

ORDERS = Path(__file__).resolve().parent / "fixtures" / "shopify" / "orders_export.csv"

EXPECTED = [
    ["anna@example.com", pd.Timestamp("2024-03-01 10:00"), "Website", "Online store order", "Buy"],
    ["anna@example.com", pd.Timestamp("2024-04-02 09:30"), "Store", "Store order", "Repeat"],
    ["bo@example.com", pd.Timestamp("2024-03-03 12:00"), "Instagram", "Online store order", "Buy"],
    ["bo@example.com", pd.Timestamp("2024-04-20 18:15"), "Discount code", "Online store order", "Repeat"],
]


def test_orders_become_one_event_each_first_buy_then_repeat(capsys):
    table = read_shopify_orders(ORDERS, discount_channels={"INSTA10": "Instagram"})
    assert table.astype(object).values.tolist() == EXPECTED
    assert capsys.readouterr().out == (
        "orders_export.csv: read 6 events; kept 4 events of 2 customers in 2 stages; left out 2 events not in the "
        "stage map: (cancelled order) (1), (order without e-mail) (1).\n")


def test_another_framework_gets_its_own_purchase_and_repeat_stages():
    table = read_shopify_orders(ORDERS, framework="cycle", quiet=True)
    assert table["stage"].tolist() == ["Purchase", "Loyalty", "Purchase", "Loyalty"]


def test_a_file_that_is_not_the_orders_export_names_the_missing_column(tmp_path):
    other = tmp_path / "customers.csv"
    other.write_text("Email,First Name\nanna@example.com,Anna\n")
    with pytest.raises(SchemaError) as caught:
        read_shopify_orders(other)
    assert caught.value.field == "Name" and "orders export" in str(caught.value)


def test_an_unreadable_order_time_names_the_line(tmp_path):
    broken = tmp_path / "orders.csv"
    broken.write_text("Name,Email,Created at\n#1,a@example.com,2024-03-01 10:00:00 +0100\n#2,b@example.com,soon\n")
    with pytest.raises(SchemaError, match=r"Created at: the value on line 3 of orders\.csv"):
        read_shopify_orders(broken)


def test_jl_data_exposes_the_reader():
    assert data.read_shopify_orders is read_shopify_orders
