// Request and response schemas of the pages endpoints, shared by api and web.
export {};
