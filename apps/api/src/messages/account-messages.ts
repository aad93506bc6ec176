/** The catalogue's part for accounts, sign-in and sessions (auth/, accounts/). */
import { defineCatalogue } from './catalogue';

export const accountMessages = defineCatalogue({});
