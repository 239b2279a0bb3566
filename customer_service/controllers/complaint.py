from collections import OrderedDict
from datetime import timedelta

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.osv import expression
from odoo.tools import email_normalize, plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

COMPLAINT = "customer_service.complaint"
# Open states whose solution waits for the customer.
ANSWER_STATES = ("proposed",)
OPEN_EXCLUDED = ("closed", "unfounded", "cancelled")
# Abuse protection of the public form: at most this many complaints per
# address or email within the window (ir.config_parameter may change both).
PUBLIC_LIMIT_PARAM = "customer_service.portal_public_limit"
PUBLIC_WINDOW_PARAM = "customer_service.portal_public_window_minutes"
PUBLIC_LIMIT = 3
PUBLIC_WINDOW_MINUTES = 60
# A field no person fills in: bots that fill every input are ignored.
HONEYPOT = "website_url"
MAX_FILES = 10


class CustomerServicePortal(CustomerPortal):
    # ------------------------------------------------------------------
    # /my home
    # ------------------------------------------------------------------
    def _cs_complaint_domain(self):
        partner = request.env.user.partner_id
        return [("commercial_partner_id", "=", partner.commercial_partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Complaint = request.env[COMPLAINT]
        readable = Complaint.has_access("read")
        if "cs_complaint_count" in counters:
            values["cs_complaint_count"] = (
                Complaint.search_count(self._cs_complaint_domain()) if readable else 0
            )
        if "cs_complaint_answer_count" in counters:
            values["cs_complaint_answer_count"] = (
                Complaint.search_count(
                    [*self._cs_complaint_domain(), ("state", "in", ANSWER_STATES)]
                )
                if readable
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # /my/complaints
    # ------------------------------------------------------------------
    def _cs_complaint_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "received_at desc, id desc"},
            "name": {"label": _("Reference"), "order": "name desc"},
            "state": {"label": _("Status"), "order": "state, received_at desc"},
            "deadline": {
                "label": _("Next Date"),
                "order": "sla_deadline asc, received_at desc",
            },
        }

    def _cs_complaint_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {
                "label": _("Open"),
                "domain": [("state", "not in", OPEN_EXCLUDED)],
            },
            "answer": {
                "label": _("Waiting for your answer"),
                "domain": [("state", "in", ANSWER_STATES)],
            },
            "done": {
                "label": _("Closed"),
                "domain": [("state", "in", OPEN_EXCLUDED)],
            },
        }

    def _cs_complaint_search_inputs(self):
        return {
            "all": {"input": "all", "label": _("Search in All")},
            "name": {"input": "name", "label": _("Search in Reference")},
            "subject": {"input": "subject", "label": _("Search in Subject")},
        }

    def _cs_complaint_search_domain(self, search_in, search):
        if not search:
            return []
        if search_in == "name":
            return [("name", "ilike", search)]
        if search_in == "subject":
            return [("subject", "ilike", search)]
        return [
            "|",
            "|",
            ("name", "ilike", search),
            ("subject", "ilike", search),
            ("description", "ilike", search),
        ]

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(
        self, page=1, sortby=None, filterby=None, search=None, search_in="all", **kw
    ):
        Complaint = request.env[COMPLAINT]
        values = self._prepare_portal_layout_values()
        sortings = self._cs_complaint_sortings()
        filters = self._cs_complaint_filters()
        inputs = self._cs_complaint_search_inputs()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        search_in = search_in if search_in in inputs else "all"
        if not Complaint.has_access("read"):
            return request.redirect("/my")
        domain = expression.AND(
            [
                self._cs_complaint_domain(),
                filters[filterby]["domain"],
                self._cs_complaint_search_domain(search_in, search),
            ]
        )
        total = Complaint.search_count(domain)
        pager = portal_pager(
            url="/my/complaints",
            url_args={
                "sortby": sortby,
                "filterby": filterby,
                "search": search,
                "search_in": search_in,
            },
            total=total,
            page=page,
            step=self._items_per_page,
        )
        complaints = Complaint.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_complaints_history"] = complaints.ids[:100]
        # sudo: the list shows only customer-facing values, read on records
        # the rule just let the user search.
        complaints_sudo = complaints.sudo()
        values.update(
            {
                "complaints": complaints_sudo,
                "last_replies": complaints_sudo._portal_last_replies(),
                "page_name": "cs_complaint",
                "default_url": "/my/complaints",
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": OrderedDict(filters.items()),
                "filterby": filterby,
                "searchbar_inputs": inputs,
                "search_in": search_in,
                "search": search,
            }
        )
        return request.render("customer_service.portal_my_complaints", values)

    def _cs_complaint_check_access(self, complaint_id, access_token=None):
        """The complaint if the user reads it (rule) or holds its token; sudo,
        keeping the user's identity so that what is done is logged as his."""
        self._document_check_access(COMPLAINT, complaint_id, access_token)
        return request.env[COMPLAINT].sudo().browse(complaint_id)

    def _cs_acting_partner(self, complaint_sudo):
        """Who acts: the logged-in customer, else the complainant whose token
        opened the page."""
        user = request.env.user
        if user._is_public():
            return complaint_sudo.partner_id or user.partner_id
        return user.partner_id

    @http.route(
        ["/my/complaints/<int:complaint_id>"], type="http", auth="public", website=True
    )
    def portal_my_complaint(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._cs_complaint_check_access(complaint_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            complaint_sudo,
            access_token,
            {
                "complaint": complaint_sudo,
                "page_name": "cs_complaint",
                "state_label": complaint_sudo._portal_state_label(),
                "deadline": complaint_sudo._portal_deadline(),
                "return_visits": complaint_sudo._portal_return_visits(),
                "customer_attachments": complaint_sudo._portal_customer_attachments(),
                "can_answer": complaint_sudo.state in ANSWER_STATES,
                "cs_message": kw.get("cs_message"),
                "cs_error": kw.get("cs_error"),
                # The chatter posts with the token: the customer has no write
                # access, and his messages thread onto the complaint.
                "token": complaint_sudo._portal_ensure_token(),
            },
            "my_complaints_history",
            False,
            **kw,
        )
        return request.render("customer_service.portal_complaint_page", values)

    def _cs_redirect(self, complaint_sudo, access_token, **params):
        query = "".join(f"&{key}={value}" for key, value in params.items())
        if request.env.user._is_public():
            # The link with the token the complainant opened.
            return request.redirect(complaint_sudo.get_portal_url(query_string=query))
        return request.redirect(f"{complaint_sudo.access_url}?{query[1:]}")

    @http.route(
        ["/my/complaints/<int:complaint_id>/accept"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_complaint_accept(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._cs_complaint_check_access(complaint_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            # sudo (see _cs_complaint_check_access): the customer has no write
            # access; the back office's own step runs, under the customer's
            # user, and the message is in the customer's name.
            complaint_sudo.action_portal_accept(self._cs_acting_partner(complaint_sudo))
        except UserError:
            return self._cs_redirect(complaint_sudo, access_token, cs_error="answer")
        return self._cs_redirect(complaint_sudo, access_token, cs_message="accepted")

    @http.route(
        ["/my/complaints/<int:complaint_id>/reject"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_complaint_reject(
        self, complaint_id, access_token=None, reason=None, **kw
    ):
        try:
            complaint_sudo = self._cs_complaint_check_access(complaint_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not (reason or "").strip():
            return self._cs_redirect(complaint_sudo, access_token, cs_error="reason")
        try:
            # sudo: as for accepting; the back office's rejection raises the
            # severity, loops back to investigating and keeps the reason.
            complaint_sudo.action_portal_reject(
                reason, self._cs_acting_partner(complaint_sudo)
            )
        except UserError:
            return self._cs_redirect(complaint_sudo, access_token, cs_error="answer")
        return self._cs_redirect(complaint_sudo, access_token, cs_message="rejected")

    # ------------------------------------------------------------------
    # Submitting a complaint
    # ------------------------------------------------------------------
    def _cs_categories(self, company):
        # sudo: portal and public users do not read the categories' setup;
        # only names of the active ones are offered.
        return (
            request.env["customer_service.complaint.category"]
            .sudo()
            .search(
                [
                    ("active", "=", True),
                    "|",
                    ("company_id", "=", False),
                    ("company_id", "=", company.id),
                ],
                order="complete_name",
            )
        )

    def _cs_customer_documents(self):
        partner = request.env.user.partner_id.commercial_partner_id
        orders = request.env["sale.order"]
        invoices = request.env["account.move"]
        if orders.has_access("read"):
            orders = orders.search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("state", "=", "sale"),
                ],
                order="date_order desc",
                limit=100,
            )
        if invoices.has_access("read"):
            invoices = invoices.search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                ],
                order="invoice_date desc, id desc",
                limit=100,
            )
        return orders, invoices

    def _cs_int(self, value):
        try:
            return int(value or 0)
        except (TypeError, ValueError):
            return 0

    def _cs_form_files(self):
        files = request.httprequest.files.getlist("attachments")
        return [f for f in files if f and f.filename][:MAX_FILES]

    def _cs_post_submission(self, complaint, partner, files):
        """Posts the files sent with the complaint in the complainant's name, so
        that they are the customer's attachments of the page."""
        complaint.message_post(
            body=_("Complaint sent from the online form."),
            author_id=partner.id if partner else None,
            email_from=None if partner else complaint.email_from,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            # Created by message_post in sudo, linked to the complaint.
            attachments=[(upload.filename, upload.read()) for upload in files],
        )

    def _cs_new_complaint_vals(self, post, company):
        category = self._cs_categories(company).filtered(
            lambda c: c.id == self._cs_int(post.get("category_id"))
        )
        description = (post.get("description") or "").strip()
        errors = {}
        if not category:
            errors["category_id"] = _("Choose what the complaint is about.")
        if not description:
            errors["description"] = _("Describe what happened.")
        vals = {
            "company_id": company.id,
            "channel": "web",
            "category_id": category.id,
            "subject": (post.get("subject") or "").strip()[:200] or False,
            "description": plaintext2html(description),
        }
        return vals, errors

    @http.route(
        ["/my/complaints/new"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_complaint_new(self, **post):
        user = request.env.user
        company = user.company_id
        orders, invoices = self._cs_customer_documents()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "cs_complaint_new",
                "categories": self._cs_categories(company),
                "orders": orders,
                "invoices": invoices,
                "post": post,
                "errors": {},
            }
        )
        if request.httprequest.method != "POST":
            return request.render("customer_service.portal_complaint_new", values)
        vals, errors = self._cs_new_complaint_vals(post, company)
        order = orders.filtered(
            lambda o: o.id == self._cs_int(post.get("sale_order_id"))
        )
        invoice = invoices.filtered(
            lambda i: i.id == self._cs_int(post.get("invoice_id"))
        )
        if post.get("sale_order_id") and not order:
            errors["sale_order_id"] = _("Choose one of your orders.")
        if post.get("invoice_id") and not invoice:
            errors["invoice_id"] = _("Choose one of your invoices.")
        if errors:
            values["errors"] = errors
            return request.render("customer_service.portal_complaint_new", values)
        vals.update(
            partner_id=user.partner_id.id,
            email_from=user.partner_id.email,
            phone=user.partner_id.phone,
            sale_order_id=order.id,
            invoice_id=invoice.id,
            name="/",
        )
        complaint = self._cs_create(vals)
        if isinstance(complaint, dict):
            values["errors"] = complaint
            return request.render("customer_service.portal_complaint_new", values)
        self._cs_post_submission(complaint, user.partner_id, self._cs_form_files())
        return request.redirect(f"{complaint.access_url}?cs_message=submitted")

    def _cs_create(self, vals):
        """Creates the complaint as the back office would from any channel;
        returns the errors to show instead when it cannot."""
        # sudo: portal and public users cannot create complaints; the values
        # come from the checked form. The handler and first responder are
        # employees, chosen as for emailed complaints.
        Complaint = request.env[COMPLAINT].sudo()
        try:
            with request.env.cr.savepoint():
                vals.update(Complaint._email_intake_owners(vals))
                return Complaint.with_context(mail_create_nosubscribe=True).create(vals)
        except (UserError, ValidationError):
            return {
                "form": _(
                    "Your complaint could not be registered online: please call "
                    "or email us."
                )
            }

    # ------------------------------------------------------------------
    # Public form, for complainants without an account
    # ------------------------------------------------------------------
    def _cs_public_limit(self):
        params = request.env["ir.config_parameter"].sudo()
        limit = self._cs_int(params.get_param(PUBLIC_LIMIT_PARAM)) or PUBLIC_LIMIT
        window = (
            self._cs_int(params.get_param(PUBLIC_WINDOW_PARAM)) or PUBLIC_WINDOW_MINUTES
        )
        return limit, window

    def _cs_public_too_many(self, email, address):
        limit, window = self._cs_public_limit()
        since = fields.Datetime.now() - timedelta(minutes=window)
        domain = [
            ("channel", "=", "web"),
            ("create_date", ">=", since),
            "|",
            ("portal_submit_ip", "=", address),
            ("email_from", "=ilike", email),
        ]
        # sudo: counts complaints of the public form, which nobody public reads.
        return (
            request.env[COMPLAINT]
            .sudo()
            .with_context(active_test=False)
            .search_count(domain, limit=limit)
            >= limit
        )

    @http.route(
        ["/complaint/new"],
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def public_complaint_new(self, **post):
        if not request.env.user._is_public():
            return request.redirect("/my/complaints/new")
        company = request.env.company
        values = {
            "categories": self._cs_categories(company),
            "post": post,
            "errors": {},
        }
        if request.httprequest.method != "POST":
            return request.render("customer_service.portal_complaint_public", values)
        if post.get(HONEYPOT):
            # A bot filled the hidden field: it sees the usual thanks page.
            return request.render("customer_service.portal_complaint_public_done", {})
        vals, errors = self._cs_new_complaint_vals(post, company)
        name = (post.get("name") or "").strip()
        email = email_normalize(post.get("email") or "")
        if not name:
            errors["name"] = _("Tell us your name.")
        if not email:
            errors["email"] = _("Give an email address where we can answer you.")
        address = request.httprequest.remote_addr or ""
        if not errors and self._cs_public_too_many(email, address):
            errors["form"] = _(
                "Too many complaints were sent from here recently: please try "
                "again later, or call us."
            )
        if errors:
            values["errors"] = errors
            return request.render("customer_service.portal_complaint_public", values)
        company_name = (post.get("company_name") or "").strip()
        vals.update(
            name="/",
            complainant_name=f"{name} ({company_name})" if company_name else name,
            email_from=email,
            phone=(post.get("phone") or "").strip()[:64] or False,
            portal_submit_ip=address,
        )
        complaint = self._cs_create(vals)
        if isinstance(complaint, dict):
            values["errors"] = complaint
            return request.render("customer_service.portal_complaint_public", values)
        self._cs_post_submission(complaint, None, self._cs_form_files())
        complaint._portal_send_public_confirmation()
        return request.render(
            "customer_service.portal_complaint_public_done", {"complaint": complaint}
        )
