"""This PC's address on the shop's network: private addresses only, with their subnet; a PC
that stands straight on the internet is refused."""

from __future__ import annotations

import ipaddress
import socket
from typing import NamedTuple

import psutil
import pytest

from shopcards.services import catalogues
from shopcards.services.lan import LanAddress, NoShopNetwork, lan_addresses, private, shop_address

V4, V6, LINK = socket.AF_INET, socket.AF_INET6, psutil.AF_LINK


class Entry(NamedTuple):
    """One address of an interface, as psutil.net_if_addrs() gives it."""

    family: int
    address: str
    netmask: str | None


entry = Entry


TILL_PC = {
    "lo": [entry(V4, "127.0.0.1", "255.0.0.0"), entry(V6, "::1", "ffff:" * 7 + "ffff")],
    "eth0": [
        entry(LINK, "02:fc:00:00:00:01", None),
        entry(V6, "fe80::fc:ff:fe00:1%eth0", "ffff:ffff:ffff:ffff::"),
        entry(V6, "fd12:3456::7", "ffff:ffff:ffff:ffff::"),
        entry(V4, "192.168.1.20", "255.255.255.0"),
    ],
    "docker0": [entry(V4, "0.0.0.0", "0.0.0.0")],
    "wwan0": [entry(V4, "81.17.20.5", "255.255.255.248")],
}


def test_the_shop_network_is_found_ipv4_first_with_its_subnet() -> None:
    assert lan_addresses(TILL_PC) == [
        LanAddress(
            "eth0", ipaddress.ip_address("192.168.1.20"), ipaddress.ip_network("192.168.1.0/24")
        ),
        LanAddress(
            "eth0", ipaddress.ip_address("fd12:3456::7"), ipaddress.ip_network("fd12:3456::/64")
        ),
    ]
    assert shop_address(TILL_PC).address == ipaddress.ip_address("192.168.1.20")


@pytest.mark.parametrize(
    "table",
    [
        {"wwan0": [entry(V4, "81.17.20.5", "255.255.255.248")]},
        {"eth0": [entry(V4, "192.0.2.2", "255.255.255.0")]},  # documentation, not a shop
        {"eth0": [entry(V6, "2001:db8::5", "ffff:ffff:ffff:ffff::")]},
        {"lo": [entry(V4, "127.0.0.1", "255.0.0.0")]},
        {"eth0": [entry(V6, "fe80::1%eth0", "ffff:ffff:ffff:ffff::")]},
        {},
    ],
)
def test_a_pc_with_no_private_address_is_refused_plainly(table: dict[str, list[Entry]]) -> None:
    assert lan_addresses(table) == []
    with pytest.raises(NoShopNetwork, match="not straight to the internet"):
        shop_address(table)


@pytest.mark.parametrize(
    ("address", "netmask", "network"),
    [
        ("10.1.2.3", "255.0.0.0", "10.0.0.0/8"),
        ("172.20.0.9", "255.255.0.0", "172.20.0.0/16"),
        ("192.168.178.23", "255.255.255.0", "192.168.178.0/24"),
    ],
)
def test_each_private_range_keeps_its_subnet(address: str, netmask: str, network: str) -> None:
    [found] = lan_addresses({"eth0": [entry(V4, address, netmask)]})
    assert found.network == ipaddress.ip_network(network)


def test_this_pcs_own_interfaces_give_only_private_addresses() -> None:
    found = lan_addresses()
    assert all(private(lan.address) for lan in found)
    assert all(lan.address in lan.network for lan in found)
    assert not any(lan.address.is_loopback or lan.address.is_link_local for lan in found)
    assert str(ipaddress.ip_address("0.0.0.0")) not in {str(lan.address) for lan in found}


def test_the_refusal_is_said_in_the_shops_language() -> None:
    catalogues.start("ro")
    with pytest.raises(NoShopNetwork, match="nu direct la internet"):
        shop_address({})
