/** @odoo-module **/
// The complaint's stages: a refused click (a step skipped, a requirement
// missing) leaves the record as it was, not showing the stage it could not
// reach nor trying to save it again when the page is left.
import {
    StatusBarField,
    statusBarField,
} from "@web/views/fields/statusbar/statusbar_field";
import {registry} from "@web/core/registry";

export class ComplaintStatusBarField extends StatusBarField {
    async selectItem(item) {
        const {name, record} = this.props;
        // A click while the form is still saving: what was unsaved, and the
        // stage to go back to, are known once that save is done.
        await record.model.mutex.getUnlockedDef();
        const wasDirty = await record.isDirty();
        const previous = record.data[name];
        const value =
            this.field.type === "many2one" ? [item.value, item.label] : item.value;
        await record.update({[name]: value});
        let refusal = null;
        await record.save({
            onError: (error) => {
                refusal = error;
                return false;
            },
        });
        if (refusal) {
            if (wasDirty || record.isNew) {
                // The user's other edits stay, unsaved; only the stage goes back.
                await record.update({[name]: previous});
            } else {
                // Nothing else to keep: show what the server kept.
                await record.load();
            }
            throw refusal;
        }
    }
}

registry.category("fields").add("cs_statusbar", {
    ...statusBarField,
    component: ComplaintStatusBarField,
});
