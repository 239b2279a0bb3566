import {registry} from "@web/core/registry";

const SCALE = [
    "Reliability",
    "Responsiveness",
    "Assurance",
    "Empathy",
    "Tangibles",
    "Service attitude",
    "Professionalism",
    "Efficiency",
    "Communication",
    "Overall",
];

const tours = registry.category("web_tour.tours");

tours.add("customer_service_portal_submit_tour", {
    steps: () => [
        {
            content: "Open the complaint form from /my",
            trigger: 'a[href="/my/complaints/new"]',
            run: "click",
        },
        {
            content: "Choose what it is about",
            trigger: "select[name=category_id]",
            run: "selectByLabel Portal Tour Category",
        },
        {
            content: "Give a subject",
            trigger: "input[name=subject]",
            run: "edit Pump leaks again",
        },
        {
            content: "Describe what happened",
            trigger: "textarea[name=description]",
            run: "edit The pump delivered last week leaks oil.",
        },
        {
            content: "Send it",
            trigger: "button.o_cs_submit",
            run: "click",
        },
        {
            content: "The complaint is registered",
            trigger: ".o_cs_submitted",
        },
        {
            content: "It is received",
            trigger: '.o_cs_portal_state:contains("Received")',
        },
    ],
});

tours.add("customer_service_portal_acknowledged_tour", {
    steps: () => [
        {
            content: "The list shows it acknowledged",
            trigger:
                'tr:contains("Pump leaks again") .o_cs_portal_state:contains("Acknowledged")',
        },
        {
            content: "Open it",
            trigger: 'tr:contains("Pump leaks again") a',
            run: "click",
        },
        {
            content: "The page shows it acknowledged",
            trigger: '#sidebar_content .o_cs_portal_state:contains("Acknowledged")',
        },
    ],
});

tours.add("customer_service_portal_reject_tour", {
    steps: () => [
        {
            content: "Solutions waiting for an answer are listed",
            trigger:
                'tr:contains("Pump leaks again") .o_cs_portal_state:contains("Waiting for your answer")',
        },
        {
            content: "Open the complaint",
            trigger: 'tr:contains("Pump leaks again") a',
            run: "click",
        },
        {
            content: "The proposed solution is shown",
            trigger: '#cs_solution:contains("We repair the pump")',
        },
        {
            content: "Reject it",
            trigger: "a.o_cs_open_reject",
            run: "click",
        },
        {
            content: "Say why",
            trigger: "#cs_reject_form textarea[name=reason]",
            run: "edit A repaired pump will leak again: replace it.",
        },
        {
            content: "Send the rejection",
            trigger: "button.o_cs_reject",
            run: "click",
        },
        {
            content: "The rejection is received",
            trigger: ".o_cs_rejected",
        },
        {
            content: "The complaint is investigated again",
            trigger:
                '#sidebar_content .o_cs_portal_state:contains("Under investigation")',
        },
    ],
});

tours.add("customer_service_portal_accept_tour", {
    steps: () => [
        {
            content: "The new solution is shown",
            trigger: '#cs_solution:contains("We replace the pump")',
        },
        {
            content: "Ask a question in the messages",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Can you come on Monday?",
        },
        {
            content: "Send it",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "It threads onto the messages",
            trigger:
                '#chatterRoot:shadow .o-mail-Message:contains("Can you come on Monday?")',
        },
        {
            content: "Accept it",
            trigger: "button.o_cs_accept",
            run: "click",
        },
        {
            content: "The acceptance is received",
            trigger: ".o_cs_accepted",
        },
    ],
});

tours.add("customer_service_portal_survey_tour", {
    steps: () => [
        {
            content: "Open the pending survey from /my",
            trigger: "#cs_pending_surveys a.o_cs_survey_link",
            run: "click",
        },
        {
            content: "Start the survey",
            trigger: 'button[value="start"]',
            run: "click",
        },
        ...SCALE.map((question) => ({
            content: `Rate ${question}: very satisfied`,
            trigger: `div.js_question-wrapper:contains("${question}") label:contains("Very satisfied")`,
            run: "click",
        })),
        {
            content: "Submit",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "The survey is completed",
            trigger: ".o_survey_finished",
        },
    ],
});
