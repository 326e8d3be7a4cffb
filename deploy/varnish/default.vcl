# The edge cache in front of the app servers: Varnish 7 with the xkey module
# (Debian: apt-get install varnish varnish-modules). Start it with gzip handling
# off, since the app stores Brotli and gzip forms itself:
#
#   varnishd -f deploy/varnish/default.vcl -a :80 -s malloc,1g -p http_gzip_support=off
#
# and set EDGE_PURGE_URL=http://<this host>:80/ on every app server. Each page
# names its generations in Surrogate-Key; a change sends PURGE with the names in
# `xkey-purge`, and exactly the pages tagged with one of them are dropped.

vcl 4.1;

import std;
import xkey;

# One app server; for several, declare each and balance with the directors module.
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys in xkey-purge"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, readers with messages and previews always reach the app.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=" || req.url ~ "[?&]preview") {
        return (pass);
    }
    # No other cookie changes a public page.
    unset req.http.Cookie;
    # Tracking parameters change nothing either (the app ignores every parameter a page does not read).
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*", "\1");
    set req.url = regsuball(req.url, "&{2,}", "&");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = regsub(req.url, "\?&", "?");
    # One stored form per encoding the app makes.
    if (req.http.Accept-Encoding ~ "\bbr\b") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    return (hash);
}

sub vcl_backend_fetch {
    # Tells the app that a surrogate asks (after a purge, often): it then trusts no per-process copy.
    set bereq.http.Surrogate-Capability = "edge=Surrogate/1.0";
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-store|no-cache") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
