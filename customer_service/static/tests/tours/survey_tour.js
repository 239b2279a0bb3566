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

registry.category("web_tour.tours").add("customer_service_survey_tour", {
    steps: () => [
        {
            content: "Start the survey received by email",
            trigger: 'button[value="start"]',
            run: "click",
        },
        ...SCALE.map((question) => ({
            content: `Rate ${question}: very dissatisfied`,
            trigger: `div.js_question-wrapper:contains("${question}") label:contains("Very dissatisfied")`,
            run: "click",
        })),
        {
            content: "Leave a comment",
            trigger: 'div.js_question-wrapper:contains("Comments") textarea',
            run: "edit The engineer came two days late.",
        },
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
