"""Email out and in (issue 17): composing letters, SMTP, reading IMAP /
Maildir / mbox / .eml, parsing broken mail.  The decisions (which request a
reply belongs to, what kind of message it is) are pure and live in
:mod:`foi.domain.mail`; the use cases in :mod:`foi.app.mail`."""
