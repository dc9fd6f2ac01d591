"""An EmailMessage as JSON and back: subject, body, addresses, headers, alternatives and attachments (e.g. .ics)."""

import base64
import email
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage, EmailMultiAlternatives

_ADDRESS_FIELDS = ("to", "cc", "bcc", "reply_to")


def _encode_content(content):
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": content}


def _decode_content(data):
    return base64.b64decode(data["base64"]) if "base64" in data else data["text"]


def serialize(message):
    data = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "headers": {str(key): str(value) for key, value in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "encoding": message.encoding,
        "attachments": [],
        "alternatives": [],
    }
    for field in _ADDRESS_FIELDS:
        data[field] = [str(address) for address in getattr(message, field)]
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            data["attachments"].append({"mime": base64.b64encode(attachment.as_bytes()).decode("ascii")})
        else:
            filename, content, mimetype = attachment
            data["attachments"].append({"filename": filename, "mimetype": mimetype, **_encode_content(content)})
    for content, mimetype in getattr(message, "alternatives", []):
        data["alternatives"].append({"mimetype": mimetype, **_encode_content(content)})
    return data


def deserialize(data):
    message = EmailMultiAlternatives() if data["alternatives"] else EmailMessage()
    message.subject = data["subject"]
    message.body = data["body"]
    message.from_email = data["from_email"]
    message.extra_headers = dict(data["headers"])
    message.content_subtype = data["content_subtype"]
    message.encoding = data["encoding"]
    for field in _ADDRESS_FIELDS:
        setattr(message, field, list(data[field]))
    for attachment in data["attachments"]:
        if "mime" in attachment:
            message.attach(email.message_from_bytes(base64.b64decode(attachment["mime"]), _class=MIMEBase))
        else:
            message.attach(attachment["filename"], _decode_content(attachment), attachment["mimetype"])
    for alternative in data["alternatives"]:
        message.attach_alternative(_decode_content(alternative), alternative["mimetype"])
    return message
