"""This PC's address on the shop's own network, and that network: what the server may listen
on and whom it may let in.

Only a private address will do: IPv4 in 10/8, 172.16/12 or 192.168/16 (a shop's router hands
out these), or IPv6 unique-local (fd00::/8, fc00::/7). A public address means the PC stands
on the internet without a router between: sharing there would open the card file to the
world, so it is refused. Link-local IPv6 (fe80::) is left out: it needs the interface's name
in every address the other PC types, and a shop's router always gives an IPv4 address too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

Interfaces = Mapping[str, Sequence[Any]]
"""``psutil.net_if_addrs()``: each interface's entries with ``family``, ``address``, ``netmask``."""

PRIVATE_NETWORKS: tuple[IPNetwork, ...] = (
    ipaddress.ip_network("10.0.0.0/8"),
    ipaddress.ip_network("172.16.0.0/12"),
    ipaddress.ip_network("192.168.0.0/16"),
    ipaddress.ip_network("fc00::/7"),
)
"""The shop networks (RFC 1918, RFC 4193). Python's ``is_private`` says more (documentation
and benchmark ranges, carrier NAT), which are no shop's network."""


class NoShopNetwork(ShopError):
    """This PC has no address on a private network to share the card file on."""


@dataclass(frozen=True)
class LanAddress:
    """One of this PC's addresses on the shop's network, with the network it belongs to."""

    interface: str
    address: IPAddress
    network: IPNetwork


def private(address: IPAddress) -> bool:
    """True for an address of a shop's own network."""
    return any(address in network for network in PRIVATE_NETWORKS)


def lan_addresses(interfaces: Interfaces | None = None) -> list[LanAddress]:
    """This PC's private addresses, IPv4 first, each with its subnet.

    ``interfaces`` is taken from psutil when not given. Loopback, unspecified, link-local and
    public addresses are left out.
    """
    if interfaces is None:
        import psutil

        interfaces = psutil.net_if_addrs()
    found = [
        lan
        for name, entries in interfaces.items()
        for entry in entries
        if (lan := _lan_address(name, entry)) is not None
    ]
    return sorted(found, key=lambda lan: (lan.address.version, lan.interface, lan.address))


def _lan_address(interface: str, entry: Any) -> LanAddress | None:
    if entry.family not in (socket.AF_INET, socket.AF_INET6) or not entry.netmask:
        return None
    try:
        address = ipaddress.ip_address(str(entry.address).split("%")[0])
        mask = ipaddress.ip_address(str(entry.netmask))
        network = ipaddress.ip_network(f"{address}/{bin(int(mask)).count('1')}", strict=False)
    except ValueError:
        return None
    if address.is_loopback or address.is_unspecified or address.is_link_local:
        return None
    if not private(address) or network.prefixlen == 0:
        return None
    return LanAddress(interface, address, network)


def shop_address(interfaces: Interfaces | None = None) -> LanAddress:
    """The address to share the card file on: the first private one. Refused, with why, when
    the PC has none (not on a network, or only on the internet)."""
    found = lan_addresses(interfaces)
    if found:
        return found[0]
    raise NoShopNetwork(
        _(
            "This PC has no address on a shop's own network (like 192.168.1.20), so the card "
            "file cannot be shared from it safely: connect it to the shop's router, not "
            "straight to the internet, and try again."
        )
    )
