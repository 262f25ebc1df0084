"""Pier's static files: a WSGI wrapper (Django's STATIC_ROOT) and a server for static sites.

Standard library only, so it works in any Python stack without extra packages. Files are served
with their MIME type, gzip when the client accepts it (a .gz beside the file, or compressed once
and kept in memory), ETag/304, and long cache lifetimes for fingerprinted names.
"""
import gzip
import hashlib
import importlib
import mimetypes
import os
import re
import sys
from email.utils import formatdate

COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|manifest\+json|wasm)|image/svg)")
FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.[A-Za-z0-9]+$")
_gzipped = {}


class StaticFiles:
    """Serves files under `root` for URLs under `prefix`; anything else goes to `fallback`."""

    def __init__(self, root, prefix="/", fallback=None, index="index.html"):
        self.root = os.path.realpath(root)
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.fallback = fallback
        self.index = index

    def find(self, path_info):
        if not path_info.startswith(self.prefix):
            return None
        rel = path_info[len(self.prefix):]
        full = os.path.realpath(os.path.join(self.root, rel))
        if full != self.root and not full.startswith(self.root + os.sep):
            return None
        if os.path.isdir(full) and self.index:
            full = os.path.join(full, self.index)
        return full if os.path.isfile(full) else None

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            path = self.find(environ.get("PATH_INFO", "/"))
            if path:
                return self.serve(path, environ, start_response)
        if self.fallback is not None:
            return self.fallback(environ, start_response)
        return self.not_found(start_response)

    def not_found(self, start_response):
        page = os.path.join(self.root, "404.html")
        body = open(page, "rb").read() if os.path.isfile(page) else b"Not Found\n"
        start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8" if os.path.isfile(page) else "text/plain"), ("Content-Length", str(len(body)))])
        return [body]

    def serve(self, path, environ, start_response):
        st = os.stat(path)
        etag = '"%x-%x"' % (int(st.st_mtime), st.st_size)
        ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        cache = "public, max-age=31536000, immutable" if FINGERPRINT.search(path) else "public, max-age=60"
        if path.endswith(".html"):
            cache = "no-cache"
        headers = [("Content-Type", ctype), ("ETag", etag), ("Cache-Control", cache), ("Vary", "Accept-Encoding"),
                   ("Last-Modified", formatdate(st.st_mtime, usegmt=True))]
        if environ.get("HTTP_IF_NONE_MATCH") == etag:
            start_response("304 Not Modified", headers)
            return [b""]
        body = None
        if "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "") and COMPRESSIBLE.match(ctype) and st.st_size > 256:
            body = self.gzipped(path, etag)
            headers.append(("Content-Encoding", "gzip"))
        if body is None:
            with open(path, "rb") as f:
                body = f.read()
        headers.append(("Content-Length", str(len(body))))
        start_response("200 OK", headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    @staticmethod
    def gzipped(path, etag):
        if os.path.isfile(path + ".gz"):
            with open(path + ".gz", "rb") as f:
                return f.read()
        key = hashlib.sha1((path + etag).encode()).hexdigest()
        if key not in _gzipped:
            with open(path, "rb") as f:
                _gzipped[key] = gzip.compress(f.read(), 6)
        return _gzipped[key]


def _load(target):
    module, _, name = target.partition(":")
    sys.path.insert(0, os.getcwd())
    return getattr(importlib.import_module(module), name or "application")


def _wrap_django(app):
    try:
        from django.conf import settings
        root, url = settings.STATIC_ROOT, settings.STATIC_URL
    except Exception as exc:  # not a Django app, or its settings do not load: serve the app alone
        print("pier_static: no Django static files (%s)" % exc, file=sys.stderr)
        return app
    if not root or not url or url.startswith("http"):
        return app
    return StaticFiles(str(root), "/" + str(url).strip("/") + "/", fallback=app, index=None)


def _application():
    target = os.environ.get("PIER_WSGI_APP")
    return _wrap_django(_load(target)) if target else None


# gunicorn pier_static:application, with PIER_WSGI_APP=project.wsgi:application
application = _application()


def main():
    """Static site server: python3 pier_static.py ROOT (listens on $PORT)."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass  # the router writes the access log

    root = sys.argv[1] if len(sys.argv) > 1 else "."
    port = int(os.environ.get("PORT", "5000"))
    print("pier_static: serving %s on port %d" % (root, port), flush=True)
    make_server("0.0.0.0", port, StaticFiles(root), server_class=Server, handler_class=Quiet).serve_forever()


if __name__ == "__main__":
    main()
