"""The address a request came from, for the login lockout (django-axes) and the API's rate limit.

REMOTE_ADDR is the address that connected to the app: the client's, or a proxy's. Each proxy
appends the address it received the request from to X-Forwarded-For, so a request through one
proxy arrives with "X-Forwarded-For: <client>" from the proxy's address. The header is read only
when the request came from a trusted proxy: DJANGO_TRUSTED_PROXIES (how many proxies, at most) is
not 0 and REMOTE_ADDR is one of DJANGO_TRUSTED_PROXY_ADDRESSES (addresses or networks, loopback by
default). Then, from the right, past at most that many trusted proxies, the first address that is
not a trusted proxy's is the client's. Entries further left were sent by the client itself and
may be forged; they are never used. A client reaching the app directly, not through a trusted
proxy, cannot choose its address by sending the header: its address is REMOTE_ADDR.

(django-ipware's right-most mode expects the proxies' own addresses in the header and gives no
address when a single proxy sends only the client's, so the rule is applied here.)
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


def parse_ip(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address written in `text` (an IPv4-mapped IPv6 address as its IPv4 one), or None."""
    try:
        ip = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    return ip.ipv4_mapped if ip.version == 6 and ip.ipv4_mapped else ip


@lru_cache(maxsize=8)
def proxy_networks(addresses: tuple[str, ...]) -> tuple:
    """The networks of DJANGO_TRUSTED_PROXY_ADDRESSES ("10.0.0.2", "10.0.0.0/8", "::1")."""
    return tuple(ipaddress.ip_network(address.strip(), strict=False) for address in addresses)


def is_trusted_proxy(address: str | None) -> bool:
    ip = parse_ip(address)
    networks = proxy_networks(tuple(settings.TRUSTED_PROXY_ADDRESSES))
    return ip is not None and any(ip.version == n.version and ip in n for n in networks)


def client_address(request) -> str | None:
    address = request.META.get("REMOTE_ADDR")
    if not settings.TRUSTED_PROXIES or not is_trusted_proxy(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for _proxy in range(settings.TRUSTED_PROXIES):
        # `address` is a trusted proxy's: the hop before it is what that proxy received from.
        if not hops or parse_ip(hops[-1]) is None:
            break  # nothing usable forwarded: the proxy's own address is the best we know
        address = hops.pop()
        if not is_trusted_proxy(address):
            break
    return address
