import {registry} from "@web/core/registry";

// A stage clicked out of order is refused: the form shows the stage the
// complaint kept, saved when nothing else was edited, and keeps the user's
// other unsaved edits when there were some.
function stageIs(label) {
    return {
        trigger: `.o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
    };
}

function refusedClick(label) {
    return [
        {
            content: `${label}: a stage too far`,
            trigger: `.o_statusbar_status button[data-value]:contains('${label}')`,
            run: "click",
        },
        {
            content: "Close the refusal",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        stageIs("New"),
    ];
}

registry
    .category("web_tour.tours")
    .add("customer_service_complaint_stage_refusal_tour", {
        steps: () => [
            stageIs("New"),
            ...refusedClick("Implementing"),
            {content: "Nothing left to save", trigger: ".o_form_renderer.o_form_saved"},
            {
                content: "An edit not saved yet",
                trigger: ".o_field_widget[name=subject] input",
                run: "edit The pump still leaks",
            },
            ...refusedClick("Accepted"),
            {
                content: "The edit is still there, unsaved",
                trigger:
                    ".o_form_renderer.o_form_dirty .o_field_widget[name=subject] input:value(The pump still leaks)",
            },
            {trigger: ".o_form_button_save", run: "click"},
            {trigger: ".o_form_renderer.o_form_saved"},
            {
                trigger: ".o_form_view button[name=action_acknowledge]",
                run: "click",
            },
            stageIs("Acknowledged"),
        ],
    });
