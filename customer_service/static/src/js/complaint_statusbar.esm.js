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
        const wasDirty = await record.isDirty();
        const previous = record.data[name];
        const value =
            this.field.type === "many2one" ? [item.value, item.label] : item.value;
        await record.update({[name]: value});
        let refusal = null;
        await record.save({
            onError: (error, {discard}) => {
                // Inside the save: only the record's own discard may run here.
                if (!wasDirty) {
                    discard();
                }
                refusal = error;
                return false;
            },
        });
        if (refusal) {
            if (wasDirty) {
                await record.update({[name]: previous});
            }
            throw refusal;
        }
    }
}

registry.category("fields").add("cs_statusbar", {
    ...statusBarField,
    component: ComplaintStatusBarField,
});
