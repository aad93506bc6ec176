/** The catalogue's part for the import's rows, warnings, plan lines and file problems (imports/ except routes.ts). */
import { defineCatalogue } from './catalogue';

export const importMessages = defineCatalogue({});
