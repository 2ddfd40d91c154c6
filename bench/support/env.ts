// Imported first by every benchmark: n8n-core writes its config under N8N_USER_FOLDER when it is first
// loaded, so the folder must be a temporary one before anything imports n8n-core.
import '../../test/harness/setup-env';
