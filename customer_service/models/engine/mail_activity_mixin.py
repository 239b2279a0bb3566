from collections import defaultdict

from markupsafe import escape

from odoo import api, fields, models
from odoo.tools import clean_context, is_html_empty
from odoo.tools.mail import generate_tracking_message_id
from odoo.tools.misc import get_lang
from odoo.tools.translate import LazyGettext, code_translations


def _render(env, text):
    """``text`` in the language of ``env`` when a lazy translation (``_lt``),
    else as it is (a note the user wrote)."""
    return env._(text) if isinstance(text, LazyGettext) else text


def _activity_key(vals):
    """What makes an activity the same reminder as another: its record, type,
    assignee and summary."""
    return (
        vals["res_model_id"],
        vals["res_id"],
        vals["activity_type_id"],
        vals["user_id"],
        vals.get("summary") or "",
    )


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    def _recused_user_ids(self):
        """Hook: the users who must not hear of these records (neither their
        activities nor their messages notify them). None by default; the
        complaint returns the employees it is about."""
        return self.env["res.users"]

    def _mail_get_partners(self, introspect_fields=False):
        # A notice emailed to staff only (see _cs_notify_messages) has no
        # customer: the portal's recipient groups then skip the customer's
        # access link, which costs a token and a signup write on the customer
        # per email and which no recipient would get.
        if self.env.context.get("cs_staff_notice"):
            return {record.id: self.env["res.partner"] for record in self}
        return super()._mail_get_partners(introspect_fields=introspect_fields)

    def _cs_emails_customer(self, recipients_data):
        """Whether the customer of the record is among the recipients
        (``_notify_get_recipients`` data) of an email about it."""
        self.ensure_one()
        customers = self._mail_get_partners()[self.id]
        return any(data["id"] in customers.ids for data in recipients_data)

    def _cs_activity_schedule(self, activity_type, user, summary, **values):
        """Schedules an activity of one of the addon's own types for ``user``,
        once: not when the record already has an open one of that type for
        ``user`` with the same summary.

        ``activity_type`` names a type of data/mail_activity_type_data.xml
        (``escalation``, ``followup``...). ``summary`` (and a ``note`` among
        ``values``) are lazy translations (``_lt``), rendered in the language
        of the user who receives them, not of whoever or whatever (a cron)
        schedules them; a plain string is kept as it is. The activity is
        created with the usual assignment email.
        """
        return self._cs_activity_schedule_batch(
            [(record, activity_type, user, summary, values) for record in self]
        )

    @api.model
    def _cs_activity_schedule_batch(self, items):
        """:meth:`_cs_activity_schedule` for many records at once: ``items``
        are tuples (record, activity type, user, summary, values), possibly of
        several models; one search for the open activities, one create for
        the new ones, the assignment notifications in bulk (see
        :meth:`_cs_create_batch`). Returns the activities created."""
        Activity = self.env["mail.activity"]
        if self.env.context.get("mail_activity_automation_skip"):
            return Activity
        vals_list = []
        for record, activity_type, user, summary, extra in items:
            env = record.with_context(lang=user.lang or "en_US").env
            values = dict(extra)
            if "note" in values:
                values["note"] = _render(env, values["note"])
            activity_type_id = env["ir.model.data"]._xmlid_to_res_id(
                f"customer_service.mail_activity_type_{activity_type}"
            )
            vals = record._prepare_cs_activity_values(activity_type_id)
            vals["user_id"] = user.id
            if summary:
                vals["summary"] = _render(env, summary)
            vals_list.append({**vals, **values})
        scheduled = self._cs_open_activity_keys(vals_list)
        new_vals_list = []
        for vals in vals_list:
            key = _activity_key(vals)
            if key not in scheduled:
                scheduled.add(key)
                new_vals_list.append(vals)
        return self._cs_create_batch(new_vals_list)

    @api.model
    def _cs_open_activity_keys(self, vals_list):
        """Keys (see :func:`_activity_key`) of the open activities that the
        activities of ``vals_list`` would repeat, in one query."""
        if not vals_list:
            return set()
        # sudo: only whether the assignee already has the activity is read,
        # which the scheduler may not see (another user's activities).
        open_activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    (
                        "res_model_id",
                        "in",
                        list({v["res_model_id"] for v in vals_list}),
                    ),
                    ("res_id", "in", list({v["res_id"] for v in vals_list})),
                    (
                        "activity_type_id",
                        "in",
                        list({v["activity_type_id"] for v in vals_list}),
                    ),
                    ("user_id", "in", list({v["user_id"] for v in vals_list})),
                ]
            )
        )
        return {
            (
                activity.res_model_id.id,
                activity.res_id,
                activity.activity_type_id.id,
                activity.user_id.id,
                activity.summary or "",
            )
            for activity in open_activities
        }

    def _prepare_cs_activity_values(self, activity_type_id):
        """What ``activity_schedule`` fills in before its create."""
        self.ensure_one()
        activity_type = self.env["mail.activity.type"].browse(activity_type_id)
        return {
            "activity_type_id": activity_type_id,
            "summary": activity_type.summary,
            "automated": True,
            "note": activity_type.default_note,
            "date_deadline": fields.Date.context_today(self),
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    # The helpers below work on any records of the addon's threads, which all
    # have activities: they live here rather than on mail.activity/mail.thread.
    @api.model
    def _cs_create_batch(self, vals_list):
        """``create`` for many activities whose assignment notifications go out
        in bulk: the same message, inbox notification or queued email per
        activity as Odoo's ``action_notify``, created in a few queries for the
        whole batch instead of several per activity. The emails are queued,
        not sent inline."""
        Activity = self.env["mail.activity"]
        activities = (
            Activity.with_context(mail_activity_quick_update=True)
            .create(vals_list)
            .with_env(self.env)
        )
        if not self.env.context.get("mail_activity_quick_update"):
            self._cs_notify_assigned_batch(
                activities.filtered(lambda a: a.user_id and a.user_id != self.env.user)
            )
        return activities

    @api.model
    def _cs_mail_term(self, lang, source):
        """A term of Odoo's mail module in ``lang``, as its ``_()`` renders it."""
        return code_translations.get_python_translations("mail", lang).get(
            source, source
        )

    @api.model
    def _cs_assignment_terms(self, env, model):
        """What the assignment notices about ``model`` say alike in the
        language of ``env``: the model's name, the date format and the terms
        of the subject and subtitles."""
        lang = env.lang
        return (
            env["ir.model"]._get(model).display_name,
            get_lang(env).date_format,
            self._cs_mail_term(
                lang, '"%(activity_name)s: %(summary)s" assigned to you'
            ),
            self._cs_mail_term(lang, "Activity: %s"),
            self._cs_mail_term(lang, "Deadline: %s"),
        )

    @api.model
    def _cs_notify_assigned_batch(self, activities):
        """:meth:`mail.activity.action_notify` for many activities, in bulk."""
        if not activities:
            return
        # sudo: like action_notify, the responsible may be unreadable to the
        # scheduler; notifying is the purpose of this method.
        activities = activities.sudo()
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        messages = self.env["mail.message"]
        notify_data = []
        for model, model_activities in activities.grouped("res_model").items():
            Thread = self.env[model].sudo()
            records = Thread.browse(set(model_activities.mapped("res_id")))
            author_id, email_from = Thread._message_compute_author(
                None, None, raise_on_email=True
            )
            alias_domains = records._mail_get_alias_domains(
                default_company=self.env.company
            )
            companies = records._mail_get_companies(default=self.env.company)
            reply_to = records._notify_get_reply_to(default=email_from)
            excluded = {
                r.id: set(r._recused_user_ids().partner_id.ids) for r in records
            }
            values_list = []
            terms = {}
            for scheduled in model_activities:
                user = scheduled.user_id
                partner = user.partner_id
                if partner.id in excluded.get(scheduled.res_id, ()):
                    continue
                lang = user.lang or get_lang(self.env).code
                activity = scheduled.with_context(lang=lang)
                if lang not in terms:
                    terms[lang] = self._cs_assignment_terms(activity.env, model)
                (
                    model_description,
                    date_format,
                    subject_term,
                    activity_term,
                    deadline_term,
                ) = terms[lang]
                body = activity.env["ir.qweb"]._render(
                    "mail.message_activity_assigned",
                    {
                        "activity": activity,
                        "model_description": model_description,
                        "is_html_empty": is_html_empty,
                    },
                    minimal_qcontext=True,
                )
                subject = subject_term % {
                    "activity_name": activity.res_name,
                    "summary": activity.summary or activity.activity_type_id.name,
                }
                subtitles = [
                    activity_term % activity.activity_type_id.name,
                    deadline_term % activity.date_deadline.strftime(date_format),
                ]
                values = {
                    "author_id": author_id,
                    "email_from": email_from,
                    "model": model,
                    "res_id": activity.res_id,
                    "record_name": activity.res_name,
                    "body": escape(body),
                    "is_internal": True,
                    "message_type": "user_notification",
                    "subject": subject,
                    "subtype_id": subtype_id,
                    "message_id": generate_tracking_message_id("message-notify"),
                    "partner_ids": [partner.id],
                    "email_add_signature": True,
                    "record_alias_domain_id": alias_domains[activity.res_id].id,
                    "record_company_id": companies[activity.res_id].id,
                    "reply_to": reply_to[activity.res_id],
                }
                values_list.append(values)
                recipients_data = [
                    {
                        "active": partner.active,
                        "id": partner.id,
                        "is_follower": False,
                        "lang": user.lang,
                        "groups": user.groups_id.ids,
                        "notif": user.notification_type,
                        "share": False,
                        "type": "user",
                        "uid": user.id,
                        "ushare": False,
                    }
                ]
                notify_data.append(
                    (
                        # With the batch's prefetch: what rendering reads of
                        # one record is read for all.
                        Thread.browse(activity.res_id)
                        .with_prefetch(records._prefetch_ids)
                        .with_context(lang=lang),
                        recipients_data,
                        values,
                        model_description,
                        subtitles,
                    )
                )
            messages += Thread._message_create(values_list)
        self._cs_notify_messages(messages, notify_data)

    def _cs_auto_subscribe_batch(self, vals_list):
        """What mail.thread's create does per record (``_message_auto_subscribe``)
        once per group of records whose values drive the subscription alike
        (the responsible and the subtype relation fields): the queries follow
        the responsibles, not the records. For creates that pass the context
        key ``cs_auto_subscribe_later`` to mail.thread's create, which their
        model's ``_message_auto_subscribe`` then skips."""
        relations = self.env["mail.message.subtype"]._get_auto_subscription_subtypes(
            self._name
        )[4]
        keys = [
            "user_id",
            *sorted({f for fnames in relations.values() for f in fnames}),
        ]
        defaults = {
            key[8:]: value
            for key, value in self.env.context.items()
            if key.startswith("default_")
        }
        groups = defaultdict(list)
        for record, vals in zip(self, vals_list, strict=True):
            values = {**defaults, **vals}
            group = tuple((key, values[key]) for key in keys if values.get(key))
            groups[group].append(record.id)
        for group, ids in groups.items():
            self.browse(ids)._message_auto_subscribe(
                dict(group), followers_existing_policy="update"
            )

    def _cs_auto_subscribe_notify_batch(self, partner_ids, template):
        """``_message_auto_subscribe_notify`` (the "you have been assigned"
        notice) for all records at once: one message each, created and
        notified in bulk."""
        if not self or self.env.context.get("mail_auto_subscribe_no_notify"):
            return
        if not self.env.registry.ready:  # Don't send notification during install
            return
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        author_id, email_from = self._message_compute_author(
            None, None, raise_on_email=True
        )
        model_description = self.env["ir.model"]._get(self._name).display_name
        alias_domains = self._mail_get_alias_domains(default_company=self.env.company)
        companies = self._mail_get_companies(default=self.env.company)
        reply_to = self._notify_get_reply_to(default=email_from)
        lang = self.env.lang or "en_US"
        subject_term = self._cs_mail_term(lang, "You have been assigned to %s")
        Render = self.env["mail.render.mixin"]
        values_list = []
        for record in self:
            company = (
                record.company_id.sudo() if "company_id" in record else self.env.company
            )
            body = self.env["ir.qweb"]._render(
                template,
                {
                    "access_link": record._notify_get_action_link("view"),
                    "company": company,
                    "model_description": model_description,
                    "object": record,
                },
                minimal_qcontext=True,
            )
            values_list.append(
                {
                    "author_id": author_id,
                    "email_from": email_from,
                    "model": self._name,
                    "res_id": record.id,
                    "record_name": record.display_name,
                    "body": escape(Render._replace_local_links(body)),
                    "is_internal": True,
                    "message_type": "user_notification",
                    "subject": subject_term % record.display_name,
                    "subtype_id": subtype_id,
                    "message_id": generate_tracking_message_id("message-notify"),
                    "partner_ids": list(partner_ids),
                    "email_add_signature": True,
                    "record_alias_domain_id": alias_domains[record.id].id,
                    "record_company_id": companies[record.id].id,
                    "reply_to": reply_to[record.id],
                }
            )
        messages = self._message_create(values_list)
        recipients = self.env["mail.followers"]._get_recipient_data(
            None, "user_notification", subtype_id, list(partner_ids)
        )[0]
        author = self.env.user.partner_id.id if self.env.user.active else author_id
        data = [
            pdata
            for pid, pdata in recipients.items()
            if pid and pid != author and pdata["active"] is not False
        ]
        self._cs_notify_messages(
            messages,
            [
                (record._fallback_lang(), data, values, model_description, None)
                for record, values in zip(self, values_list, strict=True)
            ],
        )

    def _cs_message_post_batch(
        self, bodies, partner_ids, subtype_xmlid, internal=False
    ):
        """``message_post(body=bodies[id], partner_ids=partner_ids,
        subtype_xmlid=..., is_internal=internal)`` on every record, in bulk:
        the messages in one create, the recipients of all of them in one query,
        the notifications and queued emails in one create each."""
        if not self:
            return self.env["mail.message"]
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id(subtype_xmlid)
        author_id, email_from = self._message_compute_author(None, None)
        alias_domains = self._mail_get_alias_domains(default_company=self.env.company)
        companies = self._mail_get_companies(default=self.env.company)
        reply_to = self._notify_get_reply_to(default=email_from)
        values_list = [
            {
                "author_id": author_id,
                "email_from": email_from,
                "model": self._name,
                "res_id": record.id,
                "record_name": record.display_name,
                "body": escape(bodies[record.id]),
                "message_type": "comment",
                "subtype_id": subtype_id,
                "is_internal": internal,
                "partner_ids": list(partner_ids),
                "message_id": generate_tracking_message_id(f"{record.id}-{self._name}"),
                "email_add_signature": True,
                "record_alias_domain_id": alias_domains[record.id].id,
                "record_company_id": companies[record.id].id,
                "reply_to": reply_to[record.id],
            }
            for record in self
        ]
        messages = self._message_create(values_list)
        recipients = self.env["mail.followers"]._get_recipient_data(
            self, "comment", subtype_id, list(partner_ids)
        )
        # The author is not notified of his own message, like message_post.
        author = self.env.user.partner_id.id if self.env.user.active else author_id
        excluded = {
            record.id: set(record._recused_user_ids().partner_id.ids) for record in self
        }
        notify_data = []
        for record, values in zip(self, values_list, strict=True):
            data = [
                pdata
                for pid, pdata in recipients.get(record.id, {}).items()
                if pid
                and pid != author
                and pdata["active"] is not False
                and pid not in excluded[record.id]
            ]
            notify_data.append((record._fallback_lang(), data, values, False, None))
        self._cs_notify_messages(messages, notify_data)
        return messages

    def _cs_prepare_email_notices(self):
        """Hook: read at once what rendering the notices' emails reads record
        by record, before the emails of many records are rendered."""

    @api.model
    def _cs_prepare_notified_records(self, notify_data):
        by_model = defaultdict(list)
        for record, *_rest in notify_data:
            by_model[record._name].append(record.id)
        for model, ids in by_model.items():
            records = self.env[model].browse(ids)
            if hasattr(records, "_cs_prepare_email_notices"):
                records._cs_prepare_email_notices()

    @api.model
    def _cs_notify_messages(self, messages, notify_data):
        """What ``_notify_thread`` does for each of ``messages`` (inbox
        notifications, queued emails), in one create each for them all.
        ``notify_data`` holds per message (record, recipients data as
        ``_notify_get_recipients`` returns them, message values, model
        description, subtitles)."""
        self._cs_prepare_notified_records(notify_data)
        inbox_values, mail_values, mail_notified = [], [], []
        inbox_messages = []
        for message, (
            notified,
            recipients_data,
            msg_vals,
            model_description,
            subtitles,
        ) in zip(messages, notify_data, strict=True):
            for data in recipients_data:
                if data["notif"] != "inbox":
                    continue
                inbox_values.append(
                    {
                        "author_id": message.author_id.id,
                        "mail_message_id": message.id,
                        "notification_status": "sent",
                        "notification_type": "inbox",
                        "res_partner_id": data["id"],
                    }
                )
                if data["uid"]:
                    inbox_messages.append((message, data["uid"], msg_vals))
            emailed = [data for data in recipients_data if data["notif"] == "email"]
            if not emailed:
                continue
            record = (
                notified
                if notified._cs_emails_customer(emailed)
                else notified.with_context(cs_staff_notice=True)
            )
            for (
                _lang,
                render_values,
                group,
            ) in record._notify_get_classified_recipients_iterator(
                message,
                emailed,
                # A new notice has no tracking: spares a search per message.
                msg_vals={**msg_vals, "tracking_value_ids": []},
                model_description=model_description,
                subtitles=subtitles,
            ):
                body = record._notify_by_email_render_layout(
                    message, group, msg_vals=msg_vals, render_values=render_values
                )
                recipients = group.pop("recipients")
                if not recipients:
                    continue
                base = self._cs_base_mail_values(record, message)
                mail_values.append(
                    record._notify_by_email_get_final_mail_values(
                        recipients, base, additional_values={"body_html": body}
                    )
                )
                mail_notified.append((message, recipients))
        # Without default_* keys of the caller, which would leak into the rows.
        clean_env = self.env(context=clean_context(self._context))
        Notification = clean_env["mail.notification"].sudo()
        Notification.create(inbox_values)
        mails = clean_env["mail.mail"].sudo().create(mail_values)
        if mails:
            # Odoo sends a notice right after the transaction; queued in bulk,
            # they go out with the next run of the mail queue, asked for now.
            queue = self.env.ref(
                "mail.ir_cron_mail_scheduler_action", raise_if_not_found=False
            )
            if queue:
                queue.sudo()._trigger()
        Notification.create(
            [
                {
                    "author_id": message.author_id.id,
                    "is_read": True,
                    "mail_mail_id": mail.id,
                    "mail_message_id": message.id,
                    "notification_status": "ready",
                    "notification_type": "email",
                    "res_partner_id": recipient_id,
                }
                for mail, (message, recipients) in zip(
                    mails, mail_notified, strict=True
                )
                for recipient_id in recipients
            ]
        )
        for message, uid, msg_vals in inbox_messages:
            user = self.env["res.users"].browse(uid)
            user._bus_send_store(
                message.with_user(user).with_context(allowed_company_ids=[]),
                msg_vals=msg_vals,
                for_current_user=True,
                notification_type="mail.message/inbox",
            )

    @api.model
    def _cs_base_mail_values(self, record, message):
        """``_notify_by_email_get_base_mail_values`` without its per-message
        search of earlier emails: an assignment notice starts no thread."""
        mail_subject = message.subject or message.record_name
        values = {
            "mail_message_id": message.id,
            "references": message.message_id,
            "auto_delete": True,
        }
        if mail_subject:
            mail_subject = " ".join(mail_subject.splitlines())
            if mail_subject != message.subject:
                values["subject"] = mail_subject
        headers = {}
        bounce = message.sudo().record_alias_domain_id.bounce_email
        if bounce:
            headers["Return-Path"] = bounce
        headers = record._notify_by_email_get_headers(headers=headers)
        if headers:
            values["headers"] = repr(headers)
        return values
