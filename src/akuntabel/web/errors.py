"""The page of a failing request: a plain page with the request's id, which a user can quote to
the administrator, who finds the traceback under that id in the log (common.requestlog).
Nothing of the error itself is shown."""

from django.http import HttpRequest, HttpResponseServerError
from django.template import loader


def server_error(request: HttpRequest) -> HttpResponseServerError:
    # No request context: the error may come from the database or a context processor.
    request_id = getattr(request, "request_id", "")
    try:
        page = loader.get_template("500.html").render({"request_id": request_id})
    except Exception:  # the template itself failing must still give an answer
        page = f"<h1>Server Error (500)</h1><p>ID: {request_id}</p>"
    return HttpResponseServerError(page)
