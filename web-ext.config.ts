import { defineWebExtConfig } from 'wxt';

// `wxt` dev must not launch a browser of its own: the machine has none it can drive that way.
export default defineWebExtConfig({ disabled: true });
