"""Defaults asked once per batch: a record created in a batch gets what the
ORM alone gives it, tokens and Message-Ids still its own."""

from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

# Set when the record is written, whatever its defaults.
WRITTEN = {"id", "create_date", "write_date", "__last_update", "display_name"}


@tagged("post_install", "-at_install")
class TestBatchDefaults(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("customer_service.survey_default_questionnaire")
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"Batch {i}", "email": f"batch{i}@example.com"} for i in range(3)]
        )

    def _stored(self, records, skip=()):
        """The stored values of ``records``, each as a dict, but ``skip``."""
        names = [
            name
            for name, field in records._fields.items()
            if field.store
            and field.type != "one2many"
            and name not in WRITTEN
            and name not in skip
        ]
        records.invalidate_recordset()
        return [
            {name: record[name] for name in names}
            for record in records.with_context(prefetch_fields=False)
        ]

    def _mail_vals(self):
        return [
            {
                "body_html": "<p>Survey</p>",
                "email_from": "service@example.com",
                "subject": "Customer Satisfaction",
                "recipient_ids": [(4, partner.id)],
            }
            for partner in self.partners
        ]

    def _answer_vals(self):
        return [
            {"survey_id": self.survey.id, "partner_id": partner.id}
            for partner in self.partners
        ]

    def test_batch_mails_are_those_of_a_plain_create(self):
        Mail = self.env["mail.mail"]
        plain = Mail.create(self._mail_vals())
        original = type(Mail).default_get
        with patch.object(
            type(Mail), "default_get", autospec=True, side_effect=original
        ) as asked:
            batch = Mail._cs_with_batch_defaults().create(self._mail_vals())
        # Twice for the batch, to tell what stays alike from what does not.
        self.assertEqual(asked.call_count, 2)
        self.assertEqual(
            self._stored(batch, {"mail_message_id"}),
            self._stored(plain, {"mail_message_id"}),
        )
        # Their messages, created by delegation, too: but the Message-Id and
        # the clock.
        self.assertEqual(
            self._stored(batch.mail_message_id, {"message_id", "date"}),
            self._stored(plain.mail_message_id, {"message_id", "date"}),
        )
        self.assertEqual(batch.mapped("state"), ["outgoing"] * 3)
        self.assertEqual(batch.author_id, self.env.user.partner_id)
        self.assertEqual(len(set(batch.mapped("message_id"))), 3)
        self.assertEqual(len(batch.mail_message_id), 3)

    def test_batch_answers_keep_their_own_access_token(self):
        Answer = self.env["survey.user_input"]
        plain = Answer.create(self._answer_vals())
        batch = Answer._cs_with_batch_defaults().create(self._answer_vals())
        self.assertEqual(
            self._stored(batch, {"access_token"}), self._stored(plain, {"access_token"})
        )
        tokens = batch.mapped("access_token") + plain.mapped("access_token")
        self.assertEqual(len(set(tokens)), 6)
        self.assertTrue(all(tokens))

    def test_user_and_context_defaults_are_respected(self):
        self.env["ir.default"].set("survey.user_input", "test_entry", True)
        Answer = self.env["survey.user_input"]._cs_with_batch_defaults()
        answers = Answer.with_context(default_email="one@example.com").create(
            self._answer_vals()
        )
        self.assertEqual(answers.mapped("test_entry"), [True] * 3)
        self.assertEqual(answers.mapped("email"), ["one@example.com"] * 3)

    def test_relation_defaults_are_not_shared_between_records(self):
        """A list may be changed in place by one record's create: each mail
        gets its own, as without the batch."""
        extra = self.env["res.partner"].create({"name": "Copied in"})
        Mail = self.env["mail.mail"].with_context(default_partner_ids=[extra.id])
        mails = Mail._cs_with_batch_defaults().create(self._mail_vals())
        for mail, partner in zip(mails, self.partners, strict=True):
            self.assertEqual(mail.partner_ids, extra)
            self.assertEqual(mail.recipient_ids, partner)

    def test_without_the_batch_nothing_changes(self):
        answers = self.env["survey.user_input"].create(self._answer_vals())
        self.assertEqual(len(set(answers.mapped("access_token"))), 3)
        self.assertNotIn("cs_batch_defaults", answers.env.context)
