/** The catalogue's part for the import routes, column mapping, sheets and the plan file (imports/routes.ts and the files it owns). */
import { defineCatalogue } from './catalogue';

export const importRouteMessages = defineCatalogue({});
