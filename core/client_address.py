"""The address a request came from, for the login lockout (django-axes).

Without proxies it is REMOTE_ADDR. Behind proxies (DJANGO_TRUSTED_PROXIES = how many), each
proxy appends the address it received the request from to X-Forwarded-For, so the client is
that many places from the right of "X-Forwarded-For, REMOTE_ADDR". Entries further left were
sent by the client itself and may be forged; they are never used.

(django-ipware's right-most mode expects the proxies' own addresses in the header and gives no
address when a single proxy sends only the client's, so the count is applied here.)
"""

from django.conf import settings


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()] + [remote]
    # Fewer hops than proxies: the request skipped a proxy; the left-most is the best we know.
    return hops[-(proxies + 1)] if len(hops) > proxies else hops[0]
