import { createApp } from 'vue';
import './style.css';
import App from './App.vue';

// Element Plus arrives per component (vite.config.ts); its language and size are set by the
// <el-config-provider> around the window in App.vue.
createApp(App).mount('#app');
