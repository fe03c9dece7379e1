const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./webgl-BXpvK8i8.js","./expression-C4x9yiMU.js","./array-utils-flat-BL8Cekj1.js","./get-attribute-from-layouts-Dd2gixpo.js"])))=>i.map(i=>d[i]);
import{C as e,D as t,E as n,S as r,T as i,_ as a,a as o,b as s,c,d as l,f as u,g as d,h as f,i as p,l as m,m as h,n as g,o as _,p as v,r as y,s as b,t as x,u as S,w as C,x as w,y as T}from"./expression-C4x9yiMU.js";import{C as E,S as D,_ as O,a as ee,b as k,c as te,d as ne,f as re,h as ie,l as ae,o as oe,p as se,t as ce,u as le,v as A,w as ue,x as de,y as fe}from"./array-utils-flat-BL8Cekj1.js";import{a as pe,c as me,d as he,f as ge,i as _e,l as j,n as ve,o as ye,r as be,s as xe,t as Se,u as Ce}from"./get-attribute-from-layouts-Dd2gixpo.js";var we=Object.defineProperty,Te=(e,t)=>{let n={};for(var r in e)we(n,r,{get:e[r],enumerable:!0});return t||we(n,Symbol.toStringTag,{value:`Module`}),n};(function(){let e=document.createElement(`link`).relList;if(e&&e.supports&&e.supports(`modulepreload`))return;for(let e of document.querySelectorAll(`link[rel="modulepreload"]`))n(e);new MutationObserver(e=>{for(let t of e)if(t.type===`childList`)for(let e of t.addedNodes)e.tagName===`LINK`&&e.rel===`modulepreload`&&n(e)}).observe(document,{childList:!0,subtree:!0});function t(e){let t={};return e.integrity&&(t.integrity=e.integrity),e.referrerPolicy&&(t.referrerPolicy=e.referrerPolicy),t.credentials=e.crossOrigin===`use-credentials`?`include`:e.crossOrigin===`anonymous`?`omit`:`same-origin`,t}function n(e){if(e.ep)return;e.ep=!0;let n=t(e);fetch(e.href,n)}})();function Ee(e=``){return{version:1,source:e,ready:!1,renderedAt:null,renderCount:0,search:null,lines:0,lineTargets:[],selected:null,errors:[],timings:{},sequence:null,image:null,headmap:null,similar:null,bytes:null,labels:0,hover:null,frames:[],hash:``,lod:null,axes:[],layoutHeads:0,progress:[],polls:0,headInfo:null}}function De(e,t,n=window){let r={view:()=>t.view(),state:()=>t.state(),transitioning:()=>t.transitioning(),mode3d:()=>t.mode3d(),cells:()=>t.cells(),heap:()=>t.heap()};for(let[t,n]of Object.entries(r))Object.defineProperty(e,t,{get:n,enumerable:!0});let i=Object.assign(e,{pointScreen:t.pointScreen,focusHead:t.focusHead,frameTime:t.frameTime,select:t.select});return n.__qkatlas=i,i}function Oe(){let e=performance.memory;return e?e.usedJSHeapSize:null}var ke={viridis:[[68,1,84],[71,44,122],[59,81,139],[44,113,142],[33,144,141],[39,173,129],[92,200,99],[170,220,50],[253,231,37]],queries:[[199,233,160],[120,198,121],[49,163,84],[0,109,44],[0,68,27]],keys:[[252,197,192],[247,104,161],[221,52,151],[174,1,126],[73,0,106]],grey:[[30,30,30],[235,235,235]],heat:[[0,0,4],[40,11,84],[101,21,110],[159,42,99],[212,72,66],[245,125,21],[250,193,39],[252,255,164]]},Ae=[[31,119,180],[255,127,14],[44,160,44],[214,39,40],[148,103,189],[140,86,75],[227,119,194],[127,127,127],[188,189,34],[23,190,207]],M={query:[44,170,90],key:[230,60,150]},je=[128,128,128];function Me(e){return e<0?0:e>1?1:e}function Ne(e,t){if(!Number.isFinite(t))return je;let n=Me(t)*(e.length-1),r=Math.min(Math.floor(n),e.length-2),i=n-r,a=e[r],o=e[r+1];return[Math.round(a[0]+(o[0]-a[0])*i),Math.round(a[1]+(o[1]-a[1])*i),Math.round(a[2]+(o[2]-a[2])*i)]}function Pe(e,t=256){let n=new Uint8Array(t*3);for(let r=0;r<t;r++)n.set(Ne(e,r/(t-1)),r*3);return n}function Fe(e){let t=Ae.length;return Ae[(e%t+t)%t]}function Ie(e,t,n){if(!Number.isFinite(e))return je;e=(e%1+1)%1;let r=Math.floor(e*6),i=e*6-r,a=n*(1-t),o=n*(1-i*t),s=n*(1-(1-i)*t),[c,l,u]=[[n,s,a],[o,n,a],[a,n,s],[a,o,n],[s,a,n],[n,a,o]][r%6];return[Math.round(c*255),Math.round(l*255),Math.round(u*255)]}function Le(e){let t=/^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(e.trim());return t?[parseInt(t[1],16),parseInt(t[2],16),parseInt(t[3],16)]:je}function N(e,t){let n=t??(e.length===4?e[3]/255:1);return`rgba(${e[0]},${e[1]},${e[2]},${n})`}function Re(e){let t=1/0,n=-1/0;for(let r=0;r<e.length;r++){let i=e[r];i<t&&(t=i),i>n&&(n=i)}return!Number.isFinite(t)||!Number.isFinite(n)?[0,1]:[t,n]}function ze(e,t,n){return n>t?(e-t)/(n-t):.5}var Be=[`fidelity`,`geometry`],Ve=`layout:`,He={fidelity:`attention fidelity: share of each query’s top-5 attended keys among its 5 nearest keys in the layout`,geometry:`geometry: share of each point’s 10 nearest neighbours in q/k space kept among its 10 nearest in the layout`};function Ue(e){return Ve+e}function We(e){let t=e.startsWith(Ve)?e.slice(7):``;return Be.includes(t)?t:null}function Ge(e,t){return`${e}_${t}`}function Ke(e){return Be.filter(t=>e.some(e=>e.startsWith(`${t}_`)))}function qe(e,t,n,r){let i=We(t);if(!i||r<0||!n)return null;let a=e(Ge(i,n))?.[r];return typeof a==`number`&&Number.isFinite(a)?Math.min(1,Math.max(0,a)):null}function Je(e){return Ne(ke.viridis,e)}function Ye(e){return typeof e==`number`?e:e==null||typeof e==`boolean`?NaN:Number(e)}var Xe=class{table;nLayers;nHeads;rows;extents=new Map;constructor(e,t,n){this.table=e,this.nLayers=t,this.nHeads=n,this.rows=new Int32Array(t*n).fill(-1);for(let t=0;t<e.n;t++){let e=this.indexOf(t);e>=0&&e<this.rows.length&&(this.rows[e]=t)}}get metrics(){return this.table.metrics}get labels(){return this.table.labels}get hasMap(){return this.table.has_map}indexOf(e){return Ye(this.table.data.layer[e])*this.nHeads+Ye(this.table.data.head[e])}row(e){return e>=0&&e<this.rows.length?this.rows[e]:-1}column(e){return this.table.data[e]}label(e){return String(this.table.data.label?.[e]??``)}rule(e){return String(this.table.data.rule?.[e]??``)}labelColor(e){let t=this.table.label_colors?.[e];if(t)return Le(t);let n=this.table.labels.indexOf(e);return Fe(n<0?7:n)}description(e){return this.table.label_descriptions?.[e]??``}metricExtent(e){let t=this.extents.get(e);return t||(t=Re((this.column(e)??[]).map(Ye).filter(Number.isFinite)),this.extents.set(e,t)),t}isOption(e){let t=We(e);return t?Ke(this.metrics).includes(t):e===`none`||e===`layer`||e===`label`||e.startsWith(`metric:`)&&this.metrics.includes(e.slice(7))}order(e){if(e===`layer`)return;let t=this.table,n=Array.from({length:t.n},(e,t)=>t);if(e===`label`){let e=t.labels;n.sort((t,n)=>e.indexOf(this.label(t))-e.indexOf(this.label(n))||this.indexOf(t)-this.indexOf(n))}else if(e.startsWith(`metric:`)){let t=this.column(e.slice(7));if(!t)return;let r=e=>{let n=Ye(t[e]);return Number.isFinite(n)?n:-1/0};n.sort((e,t)=>r(t)-r(e)||this.indexOf(e)-this.indexOf(t))}let r=n.map(e=>this.indexOf(e)),i=new Set(r);for(let e=0;e<this.nLayers*this.nHeads;e++)i.has(e)||r.push(e);return r}mapPoints(){let e=this.column(`map_x`)??[],t=this.column(`map_y`)??[],n=[];for(let r=0;r<this.table.n;r++){let i=Ye(e[r]),a=Ye(t[r]);Number.isFinite(i)&&Number.isFinite(a)&&n.push({index:this.indexOf(r),x:i,y:a,label:this.label(r)})}return n}},Ze=class{n;columns;kinds;strings;constructor(e){this.n=e.n,this.columns={},this.kinds={};for(let t of e.columns)this.columns[t.name]=t.data,this.kinds[t.name]=t.kind;this.strings=e.strings??{}}has(e){return e in this.columns}num(e,t){let n=this.columns[e];return n?n[t]:NaN}str(e,t){let n=this.columns[e],r=this.strings[e];return n&&r?r[n[t]]:``}token(e){return this.str(`token`,e)}seq(e){return this.columns.seq[e]}pos(e){return this.columns.pos[e]}seqLen(e){return this.columns.seq_len[e]}isSpecial(e){return!!(this.columns.is_special&&this.columns.is_special[e])}isPunct(e){return!!(this.columns.is_punct&&this.columns.is_punct[e])}};function Qe(e){let t=e.data,n=t.text??t.source??[];return{n:e.n,start:t.start.map(Number),n_tokens:t.n_tokens.map(Number),text:Array.from({length:e.n},(e,t)=>String(n[t]??``))}}function $e(e,t=24){let n=e.replace(/\n/g,`↵`).replace(/\t/g,`⇥`),r=n.trim()===``?n.replace(/ /g,`␣`):n;return r.length>t?r.slice(0,t-1)+`…`:r}var et={atlas:null,layout:null,view:`matrix`,layer:0,head:0,token:null,role:`query`,color:`role`,size:!1,thumbs:!1,search:``,regex:!1,theme:`dark`,tint:`none`,sort:`layer`,hide:!1,weighted:!1},tt=[`matrix`,`head`,`sequence`,`image`],nt=Object.keys(et);function rt(e){return typeof e==`boolean`?e?`1`:`0`:String(e)}function it(e){let t=[];for(let n of nt){let r=e[n];r!==null&&r!==et[n]&&(n!==`token`||r!==null)&&t.push(`${n}=${encodeURIComponent(rt(r))}`)}return t.length?`#`+t.join(`&`):``}function at(e){if(!/^-?\d+$/.test(e))return;let t=Number(e);return Number.isSafeInteger(t)?t:void 0}function ot(e){if(e===`1`||e===`true`)return!0;if(e===`0`||e===`false`)return!1}function st(e){let t={},n=e.replace(/^[#?]/,``);if(!n)return t;for(let e of n.split(`&`)){let n=e.indexOf(`=`);if(n<0)continue;let r=e.slice(0,n),i;try{i=decodeURIComponent(e.slice(n+1).replace(/\+/g,` `))}catch{continue}switch(r){case`atlas`:case`layout`:case`color`:case`search`:case`tint`:case`sort`:t[r]=i;break;case`view`:tt.includes(i)&&(t.view=i);break;case`role`:(i===`query`||i===`key`)&&(t.role=i);break;case`theme`:(i===`dark`||i===`light`)&&(t.theme=i);break;case`layer`:case`head`:{let e=at(i);e!==void 0&&e>=0&&(t[r]=e);break}case`token`:{let e=at(i);e!==void 0&&e>=0&&(t.token=e);break}case`size`:case`thumbs`:case`regex`:case`hide`:case`weighted`:{let e=ot(i);e!==void 0&&(t[r]=e);break}}}return t}function ct(e){return{...et,...st(e)}}function lt(){return{get hash(){return location.hash},replace(e){history.replaceState(null,``,e||location.pathname+location.search)}}}function ut(e,t=lt(),n){let r=!1,i=()=>{r=!1;let i=it(e.get());i!==t.hash&&(i!==``||t.hash!==``)&&t.replace(i),n?.(i)};return e.subscribe(()=>{r||(r=!0,queueMicrotask(i))},nt)}var dt=class{state;listeners=[];pending=new Set;depth=0;flushing=!1;constructor(e){this.state={...e}}get(){return this.state}set(e){let t=null;for(let n of Object.keys(e)){let r=e[n];Object.is(this.state[n],r)||(t??={...this.state},t[n]=r,this.pending.add(n))}t&&(this.state=t),this.depth===0&&this.flush()}batch(e){this.depth++;try{e()}finally{this.depth--,this.depth===0&&this.flush()}}subscribe(e,t){let n={fn:e,keys:t?new Set(t):null};return this.listeners.push(n),()=>{this.listeners=this.listeners.filter(e=>e!==n)}}flush(){if(!this.flushing){this.flushing=!0;try{for(;this.pending.size;){let e=new Set(this.pending);this.pending.clear();for(let t of[...this.listeners])if(!t.keys||[...e].some(e=>t.keys.has(e)))try{t.fn(this.state,e)}catch(e){queueMicrotask(()=>{throw e})}}}finally{this.flushing=!1}}}},ft={atlases:[],info:null,tokens:null,seqs:null,heads:null,headsError:``,grid:null,found:null,foundMask:null,searchError:``};function pt(e=et){return new dt({...e,...ft})}function P(e){let t=e.info;return t?Math.min(e.layer,t.n_layers-1)*t.n_heads+Math.min(e.head,t.n_heads-1):0}function F(e,t){return[Math.floor(e/t),e%t]}function mt(e){let{token:t,tokens:n,seqs:r,info:i}=e;if(t===null||!n||!r||!i||t<0||t>=i.n_tokens)return null;let a=n.seq(t);return{row:t,role:e.role,seq:a,start:r.start[a],n:r.n_tokens[a]}}var ht=Object.keys(et);function gt(e){let t={};for(let n of ht)t[n]=e[n];return t}async function _t(e,t){let{store:n,debug:r}=e,i=n.get().info;if(!i)return;let a=n.get();t.layout&&t.layout!==a.layout&&await e.switchLayout(t.layout);let o=e.hasColor(t.color)?t.color:a.color;n.set({theme:t.theme,color:o,size:t.size,thumbs:t.thumbs,hide:t.hide,weighted:t.weighted,tint:t.tint}),t.sort!==n.get().sort&&e.setSort(t.sort),(t.search!==n.get().search||t.regex!==n.get().regex)&&await e.search(t.search,t.regex);let s=Math.min(t.layer,i.n_layers-1),c=Math.min(t.head,i.n_heads-1),l=t.token!==null&&t.token<i.n_tokens?t.token:null;n.set({token:l,role:t.role});let u=n.get().tokens;if(r.selected=l===null?null:{token:l,role:t.role,seq:u.seq(l),text:u.token(l)},t.view===`matrix`){n.set({layer:s,head:c}),n.get().view!==`matrix`&&e.backToMatrix();return}let d=t.view===`image`&&!i.images||t.view===`sequence`&&!mt(n.get())?`head`:t.view;n.set({view:d}),await e.focusHead(s*i.n_heads+c,!1)}function vt(e,t,n){let r=[{id:`role`,label:`query vs key`},{id:`position`,label:`position (normalised)`},{id:`mod5`,label:`position mod 5`}];t||r.push({id:`punct`,label:`punctuation / special`}),r.push({id:`norm`,label:`vector norm`}),t||r.push({id:`token_len`,label:`token length`}),r.push({id:`seq_len`,label:`sequence length`},{id:`seq`,label:t?`image`:`sequence`}),(t||e.has(`patch_row`))&&r.push({id:`patch_row`,label:`patch row`},{id:`patch_col`,label:`patch column`},{id:`hue`,label:`patch hue`},{id:`brightness`,label:`patch brightness`});for(let e of n)r.push({id:`meta:${e}`,label:`metadata: ${e}`});return r}var yt={};function bt(e){return yt[e]??=Pe(ke[e],256)}function xt(e,t,n,r=210){e[t*4]=n[0],e[t*4+1]=n[1],e[t*4+2]=n[2],e[t*4+3]=r}function St(e,t,n,r,i=210){if(!Number.isFinite(r))return xt(e,t,je,i);let a=Math.max(0,Math.min(255,Math.round(r*255)))*3;e[t*4]=n[a],e[t*4+1]=n[a+1],e[t*4+2]=n[a+2],e[t*4+3]=i}function Ct(e,t){return[e[0]+(255-e[0])*t,e[1]+(255-e[1])*t,e[2]+(255-e[2])*t].map(Math.round)}function wt(e,t,n){let r=e.columns[t];if(!r)return()=>NaN;let[i,a]=Re(r);return n!==void 0&&(a=Math.min(a,n)),e=>{let t=r[e];return Number.isFinite(t)?Math.min(1,ze(t,i,a)):NaN}}function Tt(e,t,n){if(e===`norm`)return null;let r=n?n.length:t.n,i=new Uint8Array(2*r*4),a=e=>n?n[e]:e,o=e=>{for(let t=0;t<r;t++){let n=a(t);e(n,!1,t),e(n,!0,r+t)}};switch(e){case`position`:{let e=bt(`queries`),n=bt(`keys`),r=t.columns.pos_norm;o((t,a,o)=>St(i,o,a?n:e,r?r[t]:NaN));break}case`mod5`:{let e=t.columns.pos;o((t,n,r)=>xt(i,r,n?Ct(Fe(e[t]%5),.35):Fe(e[t]%5)));break}case`punct`:{let e=Ct(M.query,.1),n=Ct(M.key,.1);o((r,a,o)=>{t.isSpecial(r)?xt(i,o,[255,196,0],240):t.isPunct(r)?xt(i,o,[60,150,255],240):xt(i,o,a?n:e,70)});break}case`token_len`:{let e=wt(t,`token_len`,12),n=bt(`viridis`);o((t,r,a)=>St(i,a,n,e(t)));break}case`seq_len`:{let e=wt(t,`seq_len`),n=bt(`viridis`);o((t,r,a)=>St(i,a,n,e(t)));break}case`seq`:{let e=t.columns.seq;o((t,n,r)=>xt(i,r,n?Ct(Fe(e[t]),.3):Fe(e[t])));break}case`patch_row`:case`patch_col`:{let n=t.columns[e],r=bt(`viridis`),[,a]=n?Re(n):[0,1];o((e,t,o)=>{let s=n?n[e]:-1;s<0?xt(i,o,[255,255,255],255):St(i,o,r,a>0?s/a:0)});break}case`hue`:{let e=t.columns.hue;o((t,n,r)=>xt(i,r,e&&Number.isFinite(e[t])?Ie(e[t],.85,.95):je));break}case`brightness`:{let e=t.columns.brightness,n=bt(`grey`);o((t,r,a)=>St(i,a,n,e?e[t]:NaN));break}default:if(e.startsWith(`meta:`)){let n=wt(t,e.slice(5)),r=bt(`viridis`);o((e,t,a)=>St(i,a,r,n(e)))}else o((e,t,n)=>xt(i,n,t?M.key:M.query))}return i}function Et(e,t,n){let r=bt(`queries`),i=bt(`keys`),a=e.length/2;for(let o=0;o<e.length;o++){let s=o<a?r:i,c=e[o]*3,l=(n+o)*4;t[l]=s[c],t[l+1]=s[c+1],t[l+2]=s[c+2],t[l+3]=210}}function Dt(e,t,n,r,i){if(!r)return;let a=n/2;for(let o=0;o<t;o++)for(let t=0;t<n;t++){let s=i?i[t%a]:t%a;e[(o*n+t)*4+3]=r[s]?255:22}}function Ot(e,t){switch(e){case`role`:return{items:[{label:`query`,color:M.query},{label:`key`,color:M.key}]};case`position`:return{ramps:[{label:`queries`,ramp:`queries`,lo:`first`,hi:`last`},{label:`keys`,ramp:`keys`,lo:`first`,hi:`last`}]};case`mod5`:return{items:[0,1,2,3,4].map(e=>({label:`pos % 5 = ${e}`,color:Ae[e]}))};case`punct`:return{items:[{label:`special`,color:[255,196,0]},{label:`punctuation`,color:[60,150,255]},{label:`other (query)`,color:M.query},{label:`other (key)`,color:M.key}]};case`norm`:return{ramps:[{label:`query ||q||`,ramp:`queries`,lo:`0`,hi:`max`},{label:`key ||k||`,ramp:`keys`,lo:`0`,hi:`max`}]};case`seq`:return{items:[{label:`one colour per sequence (queries darker)`,color:Ae[0]}]};case`hue`:return{ramps:[{label:`hue`,ramp:`hue`,lo:`0`,hi:`1`}]};case`brightness`:return{ramps:[{label:`brightness`,ramp:`grey`,lo:`dark`,hi:`bright`}]};default:{let n=e.startsWith(`meta:`)?e.slice(5):e,r=t.columns[n];if(!r)return{};let[i,a]=Re(r),o=n===`token_len`?Math.min(a,12):a;return{ramps:[{label:n,ramp:`viridis`,lo:kt(i),hi:kt(o)+(o<a?`+`:``)}]}}}}function kt(e){return Number.isInteger(e)?String(e):e.toPrecision(3)}function At(e,t){if(!e)throw Error(t||`loader assertion failed.`)}var jt={self:typeof self<`u`&&self,window:typeof window<`u`&&window,global:typeof global<`u`&&global,document:typeof document<`u`&&document};jt.self||jt.window||jt.global,jt.window||jt.self||jt.global,jt.global||jt.self||jt.window,jt.document;var Mt=!!(typeof process!=`object`||String(process)!==`[object process]`||process.browser),Nt=typeof process<`u`&&process.version&&/v([0-9]*)/.exec(process.version);Nt&&parseFloat(Nt[1]);function Pt(e){return!e&&!D()?`Node`:E(e)?`Electron`:(e||ue.userAgent||``).indexOf(`Edge`)>-1?`Edge`:globalThis.chrome?`Chrome`:globalThis.safari?`Safari`:globalThis.mozInnerScreenX?`Firefox`:`Unknown`}var Ft=`v4.5.4`;function It(){let e=new de({id:`loaders.gl`});return globalThis.loaders||={},globalThis.loaders.log=e,globalThis.loaders.version=Ft,globalThis.probe||={},globalThis.probe.loaders=e,e}var Lt=It(),Rt=e=>typeof e==`boolean`,zt=e=>typeof e==`function`,Bt=e=>typeof e==`object`&&!!e,Vt=e=>Bt(e)&&e.constructor==={}.constructor,Ht=e=>typeof SharedArrayBuffer<`u`&&e instanceof SharedArrayBuffer,Ut=e=>Bt(e)&&typeof e.byteLength==`number`&&typeof e.slice==`function`,Wt=e=>!!e&&zt(e[Symbol.iterator]),Gt=e=>!!e&&zt(e[Symbol.asyncIterator]),Kt=e=>typeof Response<`u`&&e instanceof Response||Bt(e)&&zt(e.arrayBuffer)&&zt(e.text)&&zt(e.json),qt=e=>typeof Blob<`u`&&e instanceof Blob,Jt=e=>typeof ReadableStream<`u`&&e instanceof ReadableStream||Bt(e)&&zt(e.tee)&&zt(e.cancel)&&zt(e.getReader),Yt=e=>Bt(e)&&zt(e.read)&&zt(e.pipe)&&Rt(e.readable),Xt=e=>Jt(e)||Yt(e);function Zt(e,t){return Qt(e||{},t)}function Qt(e,t,n=0){if(n>3)return t;let r={...e};for(let[e,i]of Object.entries(t))r[e]=i&&typeof i==`object`&&!Array.isArray(i)?Qt(r[e]||{},t[e],n+1):t[e];return r}var $t=`latest`;function en(){return globalThis._loadersgl_?.version||(globalThis._loadersgl_=globalThis._loadersgl_||{},globalThis._loadersgl_.version=`4.5.4`),globalThis._loadersgl_.version}var tn=en();function nn(e,t){if(!e)throw Error(t||`loaders.gl assertion failed.`)}var rn={self:typeof self<`u`&&self,window:typeof window<`u`&&window,global:typeof global<`u`&&global,document:typeof document<`u`&&document};rn.self||rn.window||rn.global,rn.window||rn.self||rn.global,rn.global||rn.self||rn.window,rn.document;var an=typeof process!=`object`||String(process)!==`[object process]`||process.browser,on=typeof window<`u`&&window.orientation!==void 0,sn=typeof process<`u`&&process.version&&/v([0-9]*)/.exec(process.version);sn&&parseFloat(sn[1]);var cn=class{name;workerThread;isRunning=!0;result;_resolve=()=>{};_reject=()=>{};constructor(e,t){this.name=e,this.workerThread=t,this.result=new Promise((e,t)=>{this._resolve=e,this._reject=t})}postMessage(e,t){this.workerThread.postMessage({source:`loaders.gl`,type:e,payload:t})}done(e){nn(this.isRunning),this.isRunning=!1,this._resolve(e)}error(e){nn(this.isRunning),this.isRunning=!1,this._reject(e)}},ln=class{terminate(){}},un=new Map;function dn(e){nn(e.source&&!e.url||!e.source&&e.url);let t=un.get(e.source||e.url);return t||(e.url&&(t=fn(e.url),un.set(e.url,t)),e.source&&(t=pn(e.source),un.set(e.source,t))),nn(t),t}function fn(e){return e.startsWith(`http`)?pn(mn(e)):e}function pn(e){let t=new Blob([e],{type:`application/javascript`});return URL.createObjectURL(t)}function mn(e){return`\
try {
  importScripts('${e}');
} catch (error) {
  console.error(error);
  throw error;
}`}function hn(e,t=!0,n){let r=n||new Set;if(e){if(gn(e))r.add(e);else if(gn(e.buffer))r.add(e.buffer);else if(!ArrayBuffer.isView(e)&&t&&typeof e==`object`)for(let n in e)hn(e[n],t,r)}return n===void 0?Array.from(r):[]}function gn(e){return e?e instanceof ArrayBuffer||typeof MessagePort<`u`&&e instanceof MessagePort||typeof ImageBitmap<`u`&&e instanceof ImageBitmap||typeof OffscreenCanvas<`u`&&e instanceof OffscreenCanvas:!1}var _n=()=>{},vn=class{name;source;url;terminated=!1;worker;onMessage;onError;_loadableURL=``;static isSupported(){return typeof Worker<`u`&&an||ln!==void 0&&!an}constructor(e){let{name:t,source:n,url:r}=e;nn(n||r),this.name=t,this.source=n,this.url=r,this.onMessage=_n,this.onError=e=>console.log(e),this.worker=an?this._createBrowserWorker():this._createNodeWorker()}destroy(){this.onMessage=_n,this.onError=_n,this.worker.terminate(),this.terminated=!0}get isRunning(){return!!this.onMessage}postMessage(e,t){t||=hn(e),this.worker.postMessage(e,t)}_getErrorFromErrorEvent(e){let t=`Failed to load `;return t+=`worker ${this.name} from ${this.url}. `,e.message&&(t+=`${e.message} in `),e.lineno&&(t+=`:${e.lineno}:${e.colno}`),Error(t)}_createBrowserWorker(){this._loadableURL=dn({source:this.source,url:this.url});let e=new Worker(this._loadableURL,{name:this.name});return e.onmessage=e=>{e.data?this.onMessage(e.data):this.onError(Error(`No data received`))},e.onerror=e=>{this.onError(this._getErrorFromErrorEvent(e)),this.terminated=!0},e.onmessageerror=e=>console.error(e),e}_createNodeWorker(){let e;if(this.url)e=new ln(this.url.includes(`:/`)||this.url.startsWith(`/`)?this.url:`./${this.url}`,{eval:!1,type:this.url.endsWith(`.ts`)||this.url.endsWith(`.mjs`)?`module`:`commonjs`});else if(this.source)e=new ln(this.source,{eval:!0});else throw Error(`no worker`);return e.on(`message`,e=>{this.onMessage(e)}),e.on(`error`,e=>{this.onError(e)}),e.on(`exit`,e=>{}),e}},yn=class{name=`unnamed`;source;url;maxConcurrency=1;maxMobileConcurrency=1;onDebug=()=>{};reuseWorkers=!0;props={};jobQueue=[];idleQueue=[];count=0;isDestroyed=!1;static isSupported(){return vn.isSupported()}constructor(e){this.source=e.source,this.url=e.url,this.setProps(e)}destroy(){this.idleQueue.forEach(e=>e.destroy()),this.isDestroyed=!0}setProps(e){this.props={...this.props,...e},e.name!==void 0&&(this.name=e.name),e.maxConcurrency!==void 0&&(this.maxConcurrency=e.maxConcurrency),e.maxMobileConcurrency!==void 0&&(this.maxMobileConcurrency=e.maxMobileConcurrency),e.reuseWorkers!==void 0&&(this.reuseWorkers=e.reuseWorkers),e.onDebug!==void 0&&(this.onDebug=e.onDebug)}async startJob(e,t=(e,t,n)=>e.done(n),n=(e,t)=>e.error(t)){let r=new Promise(r=>(this.jobQueue.push({name:e,onMessage:t,onError:n,onStart:r}),this));return this._startQueuedJob(),await r}async _startQueuedJob(){if(!this.jobQueue.length)return;let e=this._getAvailableWorker();if(!e)return;let t=this.jobQueue.shift();if(t){this.onDebug({message:`Starting job`,name:t.name,workerThread:e,backlog:this.jobQueue.length});let n=new cn(t.name,e);e.onMessage=e=>t.onMessage(n,e.type,e.payload),e.onError=e=>t.onError(n,e),t.onStart(n);try{await n.result}catch(e){console.error(`Worker exception: ${e}`)}finally{this.returnWorkerToQueue(e)}}}returnWorkerToQueue(e){!an||this.isDestroyed||!this.reuseWorkers||this.count>this._getMaxConcurrency()?(e.destroy(),this.count--):this.idleQueue.push(e),this.isDestroyed||this._startQueuedJob()}_getAvailableWorker(){return this.idleQueue.length>0?this.idleQueue.shift()||null:this.count<this._getMaxConcurrency()?(this.count++,new vn({name:`${this.name.toLowerCase()} (#${this.count} of ${this.maxConcurrency})`,source:this.source,url:this.url})):null}_getMaxConcurrency(){return on?this.maxMobileConcurrency:this.maxConcurrency}},bn={maxConcurrency:3,maxMobileConcurrency:1,reuseWorkers:!0,onDebug:()=>{}},xn=class e{props;workerPools=new Map;static _workerFarm;static isSupported(){return vn.isSupported()}static getWorkerFarm(t={}){return e._workerFarm=e._workerFarm||new e({}),e._workerFarm.setProps(t),e._workerFarm}constructor(e){this.props={...bn},this.setProps(e),this.workerPools=new Map}destroy(){for(let e of this.workerPools.values())e.destroy();this.workerPools=new Map}setProps(e){this.props={...this.props,...e};for(let e of this.workerPools.values())e.setProps(this._getWorkerPoolProps())}getWorkerPool(e){let{name:t,source:n,url:r}=e,i=this.workerPools.get(t);return i||(i=new yn({name:t,source:n,url:r}),i.setProps(this._getWorkerPoolProps()),this.workerPools.set(t,i)),i}_getWorkerPoolProps(){return{maxConcurrency:this.props.maxConcurrency,maxMobileConcurrency:this.props.maxMobileConcurrency,reuseWorkers:this.props.reuseWorkers,onDebug:this.props.onDebug}}};function Sn(e,t={}){let n=t[e.id]||{},r=an?e.workerFile||`${e.id}-worker.js`:`${e.id}-worker-node.js`,i=n.workerUrl;if(!i&&e.id===`compression`&&(i=t.workerUrl),(t._workerType||t?.core?._workerType)===`test`&&(i=an?`modules/${e.module}/dist/${r}`:`modules/${e.module}/src/workers/${e.id}-worker-node.ts`),!i){let t=e.version;t===`latest`&&(t=$t);let n=t?`@${t}`:``;i=`https://unpkg.com/@loaders.gl/${e.module}${n}/dist/${r}`}return nn(i),i}function Cn(e,t=tn){nn(e,`no worker provided`);let n=e.version;return!(!t||!n)}function wn(e,t){if(!xn.isSupported())return!1;let n=t?._nodeWorkers??t?.core?._nodeWorkers;if(!an&&!n)return!1;let r=t?.worker??t?.core?.worker;return!!(e.worker&&r)}async function Tn(e,t,n,r,i){let a=e.id,o=Sn(e,n),s=xn.getWorkerFarm(n?.core).getWorkerPool({name:a,url:o});n=JSON.parse(JSON.stringify(n||{})),n._workerLoaderId=e.id,r=JSON.parse(JSON.stringify(r||{}));let c=await s.startJob(`process-on-worker`,En.bind(null,i));return c.postMessage(`process`,{input:t,options:n,context:r}),await(await c.result).result}async function En(e,t,n,r){switch(n){case`done`:t.done(r);break;case`error`:t.error(Error(r.error));break;case`process`:let{id:i,input:a,options:o}=r;try{let n=await e(a,o);t.postMessage(`done`,{id:i,result:n})}catch(e){let n=e instanceof Error?e.message:`unknown error`;t.postMessage(`error`,{id:i,error:n})}break;default:console.warn(`parse-with-worker unknown message ${n}`)}}function Dn(e,t,n){if(n||=e.byteLength,e.byteLength<n||t.byteLength<n)return!1;let r=new Uint8Array(e),i=new Uint8Array(t);for(let e=0;e<r.length;++e)if(r[e]!==i[e])return!1;return!0}function On(...e){return kn(e)}function kn(e){let t=e.map(e=>e instanceof ArrayBuffer?new Uint8Array(e):e),n=t.reduce((e,t)=>e+t.byteLength,0),r=new Uint8Array(n),i=0;for(let e of t)r.set(e,i),i+=e.byteLength;return r.buffer}async function An(e){let t=[];for await(let n of e)t.push(jn(n));return On(...t)}function jn(e){if(e instanceof ArrayBuffer)return e;if(ArrayBuffer.isView(e)){let{buffer:t,byteOffset:n,byteLength:r}=e;return Mn(t,n,r)}return Mn(e)}function Mn(e,t=0,n=e.byteLength-t){let r=new Uint8Array(e,t,n),i=new Uint8Array(r.length);return i.set(r),i.buffer}function Nn(){let e;if(typeof window<`u`&&window.performance)e=window.performance.now();else if(typeof process<`u`&&process.hrtime){let t=process.hrtime();e=t[0]*1e3+t[1]/1e6}else e=Date.now();return e}var Pn=class{constructor(e,t){this.sampleSize=1,this.time=0,this.count=0,this.samples=0,this.lastTiming=0,this.lastSampleTime=0,this.lastSampleCount=0,this._count=0,this._time=0,this._samples=0,this._startTime=0,this._timerPending=!1,this.name=e,this.type=t,this.reset()}reset(){return this.time=0,this.count=0,this.samples=0,this.lastTiming=0,this.lastSampleTime=0,this.lastSampleCount=0,this._count=0,this._time=0,this._samples=0,this._startTime=0,this._timerPending=!1,this}setSampleSize(e){return this.sampleSize=e,this}incrementCount(){return this.addCount(1),this}decrementCount(){return this.subtractCount(1),this}addCount(e){return this._count+=e,this._samples++,this._checkSampling(),this}subtractCount(e){return this._count-=e,this._samples++,this._checkSampling(),this}addTime(e){return this._time+=e,this.lastTiming=e,this._samples++,this._checkSampling(),this}timeStart(){return this._startTime=Nn(),this._timerPending=!0,this}timeEnd(){return this._timerPending&&(this.addTime(Nn()-this._startTime),this._timerPending=!1,this._checkSampling()),this}getSampleAverageCount(){return this.sampleSize>0?this.lastSampleCount/this.sampleSize:0}getSampleAverageTime(){return this.sampleSize>0?this.lastSampleTime/this.sampleSize:0}getSampleHz(){return this.lastSampleTime>0?this.sampleSize/(this.lastSampleTime/1e3):0}getAverageCount(){return this.samples>0?this.count/this.samples:0}getAverageTime(){return this.samples>0?this.time/this.samples:0}getHz(){return this.time>0?this.samples/(this.time/1e3):0}_checkSampling(){this._samples===this.sampleSize&&(this.lastSampleTime=this._time,this.lastSampleCount=this._count,this.count+=this._count,this.time+=this._time,this.samples+=this._samples,this._time=0,this._count=0,this._samples=0)}},Fn=class{constructor(e){this.stats={},this.id=e.id,this.stats={},this._initializeStats(e.stats),Object.seal(this)}get(e,t=`count`){return this._getOrCreate({name:e,type:t})}get size(){return Object.keys(this.stats).length}reset(){for(let e of Object.values(this.stats))e.reset();return this}forEach(e){for(let t of Object.values(this.stats))e(t)}getTable(){let e={};return this.forEach(t=>{e[t.name]={time:t.time||0,count:t.count||0,average:t.getAverageTime()||0,hz:t.getHz()||0}}),e}_initializeStats(e=[]){e.forEach(e=>this._getOrCreate(e))}_getOrCreate(e){let{name:t,type:n}=e,r=this.stats[t];return r||(r=e instanceof Pn?e:new Pn(t,n),this.stats[t]=r),r}},In=``,Ln={};function Rn(e){for(let t in Ln)if(e.startsWith(t)){let n=Ln[t];e=e.replace(t,n)}return!e.startsWith(`http://`)&&!e.startsWith(`https://`)&&(e=`${In}${e}`),e}function zn(e){return e}function Bn(e){return e&&typeof e==`object`&&e.isBuffer}function Vn(e){if(Bn(e))return zn(e);if(e instanceof ArrayBuffer)return e;if(Ht(e))return Un(e);if(ArrayBuffer.isView(e)){let t=e.buffer;return e.byteOffset===0&&e.byteLength===e.buffer.byteLength?t:t.slice(e.byteOffset,e.byteOffset+e.byteLength)}if(typeof e==`string`){let t=e;return new TextEncoder().encode(t).buffer}if(e&&typeof e==`object`&&e._toArrayBuffer)return e._toArrayBuffer();throw Error(`toArrayBuffer`)}function Hn(e){if(e instanceof ArrayBuffer)return e;if(Ht(e))return Un(e);let{buffer:t,byteOffset:n,byteLength:r}=e;return t instanceof ArrayBuffer&&n===0&&r===t.byteLength?t:Un(t,n,r)}function Un(e,t=0,n=e.byteLength-t){let r=new Uint8Array(e,t,n),i=new Uint8Array(r.length);return i.set(r),i.buffer}function Wn(e){return ArrayBuffer.isView(e)?e:new Uint8Array(e)}function Gn(e){let t=e?e.lastIndexOf(`/`):-1;return t>=0?e.substr(t+1):e}function Kn(e){let t=e?e.lastIndexOf(`/`):-1;return t>=0?e.substr(0,t):``}var qn=class extends Error{constructor(e,t){super(e),this.reason=t.reason,this.url=t.url,this.response=t.response}reason;url;response},Jn=/^data:([-\w.]+\/[-\w.+]+)(;|,)/,Yn=/^([-\w.]+\/[-\w.+]+)/;function Xn(e,t){return e.toLowerCase()===t.toLowerCase()}function Zn(e){let t=Yn.exec(e);return t?t[1]:e}function Qn(e){let t=Jn.exec(e);return t?t[1]:``}var $n=/\?.*/;function er(e){let t=e.match($n);return t&&t[0]}function tr(e){return e.replace($n,``)}function nr(e){if(e.length<50)return e;let t=e.slice(e.length-15);return`${e.substr(0,32)}...${t}`}function rr(e){return Kt(e)?e.url:qt(e)?(`name`in e?e.name:``)||``:typeof e==`string`?e:``}function ir(e){if(Kt(e)){let t=e.headers.get(`content-type`)||``,n=tr(e.url);return Zn(t)||Qn(n)}return qt(e)?e.type||``:typeof e==`string`?Qn(e):``}function ar(e){return Kt(e)?e.headers[`content-length`]||-1:qt(e)?e.size:typeof e==`string`?e.length:e instanceof ArrayBuffer||ArrayBuffer.isView(e)?e.byteLength:-1}async function or(e){if(Kt(e))return e;let t={},n=ar(e);n>=0&&(t[`content-length`]=String(n));let r=rr(e),i=ir(e);i&&(t[`content-type`]=i);let a=await lr(e);a&&(t[`x-first-bytes`]=a),typeof e==`string`&&(e=new TextEncoder().encode(e));let o=new Response(e,{headers:t});return Object.defineProperty(o,"url",{value:r}),o}async function sr(e){if(!e.ok)throw await cr(e)}async function cr(e){let t=nr(e.url),n=`Failed to fetch resource (${e.status}) ${e.statusText}: ${t}`;n=n.length>100?`${n.slice(0,100)}...`:n;let r={reason:e.statusText,url:e.url,response:e};try{let t=e.headers.get(`Content-Type`);r.reason=!e.bodyUsed&&t?.includes(`application/json`)?await e.json():await e.text()}catch{}return new qn(n,r)}async function lr(e){if(typeof e==`string`)return`data:,${e.slice(0,5)}`;if(e instanceof Blob){let t=e.slice(0,5);return await new Promise(e=>{let n=new FileReader;n.onload=t=>e(t?.target?.result),n.readAsDataURL(t)})}return e instanceof ArrayBuffer?`data:base64,${ur(e.slice(0,5))}`:null}function ur(e){let t=``,n=new Uint8Array(e);for(let e=0;e<n.byteLength;e++)t+=String.fromCharCode(n[e]);return btoa(t)}function dr(e){return!fr(e)&&!pr(e)}function fr(e){return e.startsWith(`http:`)||e.startsWith(`https:`)}function pr(e){return e.startsWith(`data:`)}async function mr(e,t){if(typeof e==`string`){let n=Rn(e);return dr(n)&&globalThis.loaders?.fetchNode?globalThis.loaders?.fetchNode(n,t):await fetch(n,t)}return await or(e)}var hr=new de({id:`loaders.gl`}),gr=class{log(){return()=>{}}info(){return()=>{}}warn(){return()=>{}}error(){return()=>{}}},_r={core:{baseUrl:void 0,fetch:null,mimeType:void 0,fallbackMimeType:void 0,ignoreRegisteredLoaders:void 0,nothrow:!1,log:new class{console;constructor(){this.console=console}log(...e){return this.console.log.bind(this.console,...e)}info(...e){return this.console.info.bind(this.console,...e)}warn(...e){return this.console.warn.bind(this.console,...e)}error(...e){return this.console.error.bind(this.console,...e)}},useLocalLibraries:!1,CDN:`https://unpkg.com/@loaders.gl`,worker:!0,maxConcurrency:3,maxMobileConcurrency:1,reuseWorkers:Mt,_nodeWorkers:!1,_workerType:``,limit:0,_limitMB:0,batchSize:`auto`,batchDebounceMs:0,metadata:!1,transforms:[]}},vr={baseUri:`core.baseUrl`,fetch:`core.fetch`,mimeType:`core.mimeType`,fallbackMimeType:`core.fallbackMimeType`,ignoreRegisteredLoaders:`core.ignoreRegisteredLoaders`,nothrow:`core.nothrow`,log:`core.log`,useLocalLibraries:`core.useLocalLibraries`,CDN:`core.CDN`,worker:`core.worker`,maxConcurrency:`core.maxConcurrency`,maxMobileConcurrency:`core.maxMobileConcurrency`,reuseWorkers:`core.reuseWorkers`,_nodeWorkers:`core.nodeWorkers`,_workerType:`core._workerType`,_worker:`core._workerType`,limit:`core.limit`,_limitMB:`core._limitMB`,batchSize:`core.batchSize`,batchDebounceMs:`core.batchDebounceMs`,metadata:`core.metadata`,transforms:`core.transforms`,throws:`nothrow`,dataType:`(no longer used)`,uri:`core.baseUrl`,method:`core.fetch.method`,headers:`core.fetch.headers`,body:`core.fetch.body`,mode:`core.fetch.mode`,credentials:`core.fetch.credentials`,cache:`core.fetch.cache`,redirect:`core.fetch.redirect`,referrer:`core.fetch.referrer`,referrerPolicy:`core.fetch.referrerPolicy`,integrity:`core.fetch.integrity`,keepalive:`core.fetch.keepalive`,signal:`core.fetch.signal`},yr=[`baseUrl`,`fetch`,`mimeType`,`fallbackMimeType`,`ignoreRegisteredLoaders`,`nothrow`,`log`,`useLocalLibraries`,`CDN`,`worker`,`maxConcurrency`,`maxMobileConcurrency`,`reuseWorkers`,`_nodeWorkers`,`_workerType`,`limit`,`_limitMB`,`batchSize`,`batchDebounceMs`,`metadata`,`transforms`];function br(){globalThis.loaders=globalThis.loaders||{};let{loaders:e}=globalThis;return e._state||={},e._state}function xr(){let e=br();return e.globalOptions=e.globalOptions||{..._r,core:{..._r.core}},Cr(e.globalOptions)}function Sr(e,t,n,r){return n||=[],n=Array.isArray(n)?n:[n],wr(e,n),Cr(Dr(t,e,r))}function Cr(e){let t=Ar(e);jr(t);for(let e of yr)t.core&&t.core[e]!==void 0&&delete t[e];return t.core&&t.core._workerType!==void 0&&delete t._worker,t}function wr(e,t){Tr(e,null,_r,vr,t);for(let n of t){let r=e&&e[n.id]||{},i=n.options&&n.options[n.id]||{},a=n.deprecatedOptions&&n.deprecatedOptions[n.id]||{};Tr(r,n.id,i,a,t)}}function Tr(e,t,n,r,i){let a=t||`Top level`,o=t?`${t}.`:``;for(let s in e){let c=!t&&Bt(e[s]),l=s===`baseUri`&&!t,u=s===`workerUrl`&&t;if(!(s in n)&&!l&&!u){if(s in r)hr.level>0&&hr.warn(`${a} loader option \'${o}${s}\' no longer supported, use \'${r[s]}\'`)();else if(!c&&hr.level>0){let e=Er(s,i);hr.warn(`${a} loader option \'${o}${s}\' not recognized. ${e}`)()}}}}function Er(e,t){let n=e.toLowerCase(),r=``;for(let i of t)for(let t in i.options){if(e===t)return`Did you mean \'${i.id}.${t}\'?`;let a=t.toLowerCase();(n.startsWith(a)||a.startsWith(n))&&(r||=`Did you mean \'${i.id}.${t}\'?`)}return r}function Dr(e,t,n){let r=e.options||{},i={...r};return r.core&&(i.core={...r.core}),jr(i),i.core?.log===null&&(i.core={...i.core,log:new gr}),Or(i,Cr(xr())),Or(i,Cr(t)),kr(i,n),Mr(i),i}function Or(e,t){for(let n in t)if(n in t){let r=t[n];e[n]=Vt(r)&&Vt(e[n])?{...e[n],...t[n]}:t[n]}}function kr(e,t){t&&e.core?.baseUrl===void 0&&(e.core||={},e.core.baseUrl=Kn(tr(t)))}function Ar(e){let t={...e};return e.core&&(t.core={...e.core}),t}function jr(e){e.baseUri!==void 0&&(e.core||={},e.core.baseUrl===void 0&&(e.core.baseUrl=e.baseUri));for(let t of yr)if(e[t]!==void 0){let n=e.core=e.core||{};n[t]===void 0&&(n[t]=e[t])}let t=e._worker;t!==void 0&&(e.core||={},e.core._workerType===void 0&&(e.core._workerType=t))}function Mr(e){let t=e.core;if(t)for(let n of yr)t[n]!==void 0&&(e[n]=t[n])}function Nr(e){return e?(Array.isArray(e)&&(e=e[0]),Array.isArray(e?.extensions)):!1}function Pr(e){At(e,`null loader`),At(Nr(e),`invalid loader`);let t;return Array.isArray(e)&&(t=e[1],e=e[0],e={...e,options:{...e.options,...t}}),(e?.parseTextSync||e?.parseText)&&(e.text=!0),e.text||(e.binary=!0),e}var Fr=()=>{let e=br();return e.loaderRegistry=e.loaderRegistry||[],e.loaderRegistry};function Ir(e){let t=Fr();e=Array.isArray(e)?e:[e];for(let n of e){let e=Pr(n);t.find(t=>e===t)||t.unshift(e)}}function Lr(){return Fr()}var Rr=/\.([^.]+)$/;async function zr(e,t=[],n,r){if(!Ur(e))return null;let i=Cr(n||{});if(i.core||={},e instanceof Response&&Br(e)){let n=Vr(await e.clone().text(),t,{...i,core:{...i.core,nothrow:!0}},r);if(n)return n}let a=Vr(e,t,{...i,core:{...i.core,nothrow:!0}},r);if(a)return a;if(qt(e)&&(e=await e.slice(0,10).arrayBuffer(),a=Vr(e,t,i,r)),!a&&e instanceof Response&&Br(e)&&(a=Vr(await e.clone().text(),t,i,r)),!a&&!i.core.nothrow)throw Error(Wr(e));return a}function Br(e){let t=ir(e);return!!(t&&(t.startsWith(`text/`)||t===`application/json`||t.endsWith(`+json`)))}function Vr(e,t=[],n,r){if(!Ur(e))return null;let i=Cr(n||{});if(i.core||={},t&&!Array.isArray(t))return Pr(t);let a=[];t&&(a=a.concat(t)),i.core.ignoreRegisteredLoaders||a.push(...Lr()),Gr(a);let o=Hr(e,a,i,r);if(!o&&!i.core.nothrow)throw Error(Wr(e));return o}function Hr(e,t,n,r){let i=rr(e),a=ir(e),o=tr(i)||r?.url,s=null,c=``;return n?.core?.mimeType&&(s=Jr(t,n?.core?.mimeType),c=`match forced by supplied MIME type ${n?.core?.mimeType}`),s||=Kr(t,o),c||=s?`matched url ${o}`:``,s||=Jr(t,a),c||=s?`matched MIME type ${a}`:``,s||=Yr(t,e),c||=s?`matched initial data ${$r(e)}`:``,n?.core?.fallbackMimeType&&(s||=Jr(t,n?.core?.fallbackMimeType),c||=s?`matched fallback MIME type ${a}`:``),c&&Lt.log(1,`selectLoader selected ${s?.name}: ${c}.`),s}function Ur(e){return!(e instanceof Response&&e.status===204)}function Wr(e){let t=rr(e),n=ir(e),r=`No valid loader found (`;r+=t?`${Gn(t)}, `:`no url provided, `,r+=`MIME type: ${n?`"${n}"`:`not provided`}, `;let i=e?$r(e):``;return r+=i?` first bytes: "${i}"`:`first bytes: not available`,r+=`)`,r}function Gr(e){for(let t of e)Pr(t)}function Kr(e,t){let n=t&&Rr.exec(t),r=n&&n[1];return r?qr(e,r):null}function qr(e,t){t=t.toLowerCase();for(let n of e)for(let e of n.extensions)if(e.toLowerCase()===t)return n;return null}function Jr(e,t){for(let n of e)if(n.mimeTypes?.some(e=>Xn(t,e))||Xn(t,`application/x.${n.id}`))return n;return null}function Yr(e,t){if(!t)return null;for(let n of e)if(typeof t==`string`){if(Xr(t,n))return n}else if(ArrayBuffer.isView(t)){if(Zr(t.buffer,t.byteOffset,n))return n}else if(t instanceof ArrayBuffer&&Zr(t,0,n))return n;return null}function Xr(e,t){return t.testText?t.testText(e):(Array.isArray(t.tests)?t.tests:[t.tests]).some(t=>e.startsWith(t))}function Zr(e,t,n){return(Array.isArray(n.tests)?n.tests:[n.tests]).some(r=>Qr(e,t,n,r))}function Qr(e,t,n,r){if(Ut(r))return Dn(r,e,r.byteLength);switch(typeof r){case`function`:return r(Hn(e));case`string`:return r===ei(e,t,r.length);default:return!1}}function $r(e,t=5){return typeof e==`string`?e.slice(0,t):ArrayBuffer.isView(e)?ei(e.buffer,e.byteOffset,t):e instanceof ArrayBuffer?ei(e,0,t):``}function ei(e,t,n){if(e.byteLength<t+n)return``;let r=new DataView(e),i=``;for(let e=0;e<n;e++)i+=String.fromCharCode(r.getUint8(t+e));return i}var ti=262144;function*ni(e,t){let n=t?.chunkSize||ti,r=0,i=new TextEncoder;for(;r<e.length;){let t=Math.min(e.length-r,n),a=e.slice(r,r+t);r+=t,yield Hn(i.encode(a))}}var ri=262144;function*ii(e,t={}){let{chunkSize:n=ri}=t,r=0;for(;r<e.byteLength;){let t=Math.min(e.byteLength-r,n),i=new ArrayBuffer(t),a=new Uint8Array(e,r,t);new Uint8Array(i).set(a),r+=t,yield i}}var ai=1048576;async function*oi(e,t){let n=t?.chunkSize||ai,r=0;for(;r<e.size;){let t=r+n,i=await e.slice(r,t).arrayBuffer();r=t,yield i}}function si(e,t){return Mt?ci(e,t):li(e,t)}async function*ci(e,t){let n=e.getReader(),r;try{for(;;){let e=r||n.read();t?._streamReadAhead&&(r=n.read());let{done:i,value:a}=await e;if(i)return;yield Vn(a)}}catch{n.releaseLock()}}async function*li(e,t){for await(let t of e)yield Vn(t)}function ui(e,t){if(typeof e==`string`)return ni(e,t);if(e instanceof ArrayBuffer)return ii(e,t);if(qt(e))return oi(e,t);if(Xt(e))return si(e,t);if(Kt(e)){let n=e.body;if(!n)throw Error(`Readable stream not available on Response`);return si(n,t)}throw Error(`makeIterator`)}var di=`Cannot convert supplied data type`;function fi(e,t,n){if(t.text&&typeof e==`string`)return e;if(Bn(e)&&(e=e.buffer),Ut(e)){let n=Wn(e);return t.text&&!t.binary?new TextDecoder(`utf8`).decode(n):Vn(n)}throw Error(di)}async function pi(e,t,n){if(typeof e==`string`||Ut(e))return fi(e,t,n);if(qt(e)&&(e=await or(e)),Kt(e))return await sr(e),t.binary?await e.arrayBuffer():await e.text();if(Xt(e)&&(e=ui(e,n)),Wt(e)||Gt(e))return An(e);throw Error(di)}function mi(e,t){let n=xr(),r=e||n,i=r.fetch??r.core?.fetch;return typeof i==`function`?i:Bt(i)?e=>mr(e,i):t?.fetch?t?.fetch:mr}function hi(e,t,n){if(n)return n;let r={fetch:mi(t,e),...e};if(r.url){let e=tr(r.url);r.baseUrl=e,r.queryString=er(r.url),r.filename=Gn(e),r.baseUrl=Kn(e)}return Array.isArray(r.loaders)||(r.loaders=null),r}function gi(e,t){if(e&&!Array.isArray(e))return e;let n;if(e&&(n=Array.isArray(e)?e:[e]),t&&t.loaders){let e=Array.isArray(t.loaders)?t.loaders:[t.loaders];n=n?[...n,...e]:e}return n&&n.length?n:void 0}async function _i(e,t,n,r){t&&!Array.isArray(t)&&!Nr(t)&&(r=void 0,n=t,t=void 0),e=await e,n||={};let i=rr(e),a=gi(t,r),o=await zr(e,a,n);if(!o)return null;let s=Sr(n,o,a,i);return r=hi({url:i,_parse:_i,loaders:a},s,r||null),await vi(o,e,s,r)}async function vi(e,t,n,r){if(Cn(e),n=Zt(e.options,n),Kt(t)){let{ok:e,redirected:n,status:i,statusText:a,type:o,url:s}=t;r.response={headers:Object.fromEntries(t.headers.entries()),ok:e,redirected:n,status:i,statusText:a,type:o,url:s}}t=await pi(t,e,n);let i=e;if(i.parseTextSync&&typeof t==`string`)return i.parseTextSync(t,n,r);if(wn(e,n))return await Tn(e,t,n,r,_i);if(i.parseText&&typeof t==`string`)return await i.parseText(t,n,r);if(i.parse)return await i.parse(t,n,r);throw nn(!i.parseSync),Error(`${e.id} loader - no parser found and worker is disabled`)}async function yi(e,t,n,r){let i,a;!Array.isArray(t)&&!Nr(t)?(i=[],a=t,r=void 0):(i=t,a=n);let o=mi(a),s=e;return typeof e==`string`&&(s=await o(e)),qt(e)&&(s=await o(e)),typeof e==`string`&&(Cr(a||{}).core?.baseUrl||(a={...a,core:{...a?.core,baseUrl:e}})),await _i(s,i,a)}var bi=`4.5.4`,xi=globalThis.loaders?.parseImageNode,Si=typeof Image<`u`,Ci=typeof ImageBitmap<`u`,wi=Mt?!0:!!xi;function Ti(e){switch(e){case`auto`:return Ci||Si||wi;case`imagebitmap`:return Ci;case`image`:return Si;case`data`:return wi;default:throw Error(`@loaders.gl/images: image ${e} not supported in this environment`)}}function Ei(){if(Ci)return`imagebitmap`;if(Si)return`image`;if(wi)return`data`;throw Error(`Install '@loaders.gl/polyfills' to parse images under Node.js`)}function Di(e){let t=ki(e);if(!t)throw Error(`Not an image`);return t}function Oi(e){switch(Di(e)){case`data`:return e;case`image`:case`imagebitmap`:let t=document.createElement(`canvas`),n=t.getContext(`2d`);if(!n)throw Error(`getImageData`);return t.width=e.width,t.height=e.height,n.drawImage(e,0,0),n.getImageData(0,0,e.width,e.height);default:throw Error(`getImageData`)}}function ki(e){return typeof ImageBitmap<`u`&&e instanceof ImageBitmap?`imagebitmap`:typeof Image<`u`&&e instanceof Image?`image`:e&&typeof e==`object`&&e.data&&e.width&&e.height?`data`:null}var Ai=/^data:image\/svg\+xml/,ji=/\.svg((\?|#).*)?$/;function Mi(e){return e&&(Ai.test(e)||ji.test(e))}function Ni(e,t){if(Mi(t)){let t=new TextDecoder().decode(e);try{typeof unescape==`function`&&typeof encodeURIComponent==`function`&&(t=unescape(encodeURIComponent(t)))}catch(e){throw Error(e.message)}return`data:image/svg+xml;base64,${btoa(t)}`}return Pi(e,t)}function Pi(e,t){if(Mi(t))throw Error(`SVG cannot be parsed directly to imagebitmap`);return new Blob([new Uint8Array(e)])}async function Fi(e,t,n){let r=Ni(e,n),i=self.URL||self.webkitURL,a=typeof r!=`string`&&i.createObjectURL(r);try{return await Ii(a||r,t)}finally{a&&i.revokeObjectURL(a)}}async function Ii(e,t){let n=new Image;return n.src=e,t.image&&t.image.decode&&n.decode?(await n.decode(),n):await new Promise((e,t)=>{try{n.onload=()=>e(n),n.onerror=e=>{let n=e instanceof Error?e.message:`error`;t(Error(n))}}catch(e){t(e)}})}var Li=!0;async function Ri(e,t,n){let r;r=Mi(n)?await Fi(e,t,n):Pi(e,n);let i=t&&t.imagebitmap;return await zi(r,i)}async function zi(e,t=null){if((Bi(t)||!Li)&&(t=null),t)try{return await createImageBitmap(e,t)}catch(e){console.warn(e),Li=!1}return await createImageBitmap(e)}function Bi(e){if(!e)return!0;for(let t in e)if(Object.prototype.hasOwnProperty.call(e,t))return!1;return!0}function Vi(e){return!Gi(e,`ftyp`,4)||!(e[8]&96)?null:Hi(e)}function Hi(e){switch(Ui(e,8,12).replace(`\0`,` `).trim()){case`avif`:case`avis`:return{extension:`avif`,mimeType:`image/avif`};default:return null}}function Ui(e,t,n){return String.fromCharCode(...e.slice(t,n))}function Wi(e){return[...e].map(e=>e.charCodeAt(0))}function Gi(e,t,n=0){let r=Wi(t);for(let t=0;t<r.length;++t)if(r[t]!==e[t+n])return!1;return!0}var Ki=!1,qi=!0;function Ji(e){let t=ta(e);return Xi(t)||$i(t)||Zi(t)||Qi(t)||Yi(t)}function Yi(e){let t=Vi(new Uint8Array(e instanceof DataView?e.buffer:e));return t?{mimeType:t.mimeType,width:0,height:0}:null}function Xi(e){let t=ta(e);return t.byteLength>=24&&t.getUint32(0,Ki)===2303741511?{mimeType:`image/png`,width:t.getUint32(16,Ki),height:t.getUint32(20,Ki)}:null}function Zi(e){let t=ta(e);return t.byteLength>=10&&t.getUint32(0,Ki)===1195984440?{mimeType:`image/gif`,width:t.getUint16(6,qi),height:t.getUint16(8,qi)}:null}function Qi(e){let t=ta(e);return t.byteLength>=14&&t.getUint16(0,Ki)===16973&&t.getUint32(2,qi)===t.byteLength?{mimeType:`image/bmp`,width:t.getUint32(18,qi),height:t.getUint32(22,qi)}:null}function $i(e){let t=ta(e);if(!(t.byteLength>=3&&t.getUint16(0,Ki)===65496&&t.getUint8(2)===255))return null;let{tableMarkers:n,sofMarkers:r}=ea(),i=2;for(;i+9<t.byteLength;){let e=t.getUint16(i,Ki);if(r.has(e))return{mimeType:`image/jpeg`,height:t.getUint16(i+5,Ki),width:t.getUint16(i+7,Ki)};if(!n.has(e))return null;i+=2,i+=t.getUint16(i,Ki)}return null}function ea(){let e=new Set([65499,65476,65484,65501,65534]);for(let t=65504;t<65520;++t)e.add(t);return{tableMarkers:e,sofMarkers:new Set([65472,65473,65474,65475,65477,65478,65479,65481,65482,65483,65485,65486,65487,65502])}}function ta(e){if(e instanceof DataView)return e;if(ArrayBuffer.isView(e))return new DataView(e.buffer);if(e instanceof ArrayBuffer)return new DataView(e);throw Error(`toDataView`)}async function na(e,t){let{mimeType:n}=Ji(e)||{},r=globalThis.loaders?.parseImageNode;return At(r),await r(e,n)}async function ra(e,t,n){t||={};let r=(t.image||{}).type||`auto`,{url:i}=n||{},a=ia(r),o;switch(a){case`imagebitmap`:o=await Ri(e,t,i);break;case`image`:o=await Fi(e,t,i);break;case`data`:o=await na(e,t);break;default:At(!1)}return r===`data`&&(o=Oi(o)),o}function ia(e){switch(e){case`auto`:case`data`:return Ei();default:return Ti(e),e}}var aa={dataType:null,batchType:null,id:`image`,module:`images`,name:`Images`,version:bi,mimeTypes:[`image/png`,`image/jpeg`,`image/gif`,`image/webp`,`image/avif`,`image/bmp`,`image/vnd.microsoft.icon`,`image/svg+xml`],extensions:[`png`,`jpg`,`jpeg`,`gif`,`webp`,`bmp`,`ico`,`svg`,`avif`],parse:ra,tests:[e=>!!Ji(new DataView(e))],options:{image:{type:`auto`,decode:!0}}},I=new de({id:`deck`}),oa={};function sa(e){oa=e}function L(e,t,n,r){I.level>0&&oa[e]&&oa[e].call(null,t,n,r)}function ca(e){let t=e[0],n=e[e.length-1];return t===`{`&&n===`}`||t===`[`&&n===`]`}var la={dataType:null,batchType:null,id:`JSON`,name:`JSON`,module:``,version:``,options:{},extensions:[`json`,`geojson`],mimeTypes:[`application/json`,`application/geo+json`],testText:ca,parseTextSync:JSON.parse};function ua(){let e=`9.4.0`,t=globalThis.deck&&globalThis.deck.VERSION;if(t&&t!==e)throw Error(`deck.gl - multiple versions detected: ${t} vs ${e}`);return t||(I.log(1,`deck.gl ${e}`)(),globalThis.deck={...globalThis.deck,VERSION:e,version:e,log:I,_registerLoggers:sa},Ir([la,[aa,{imagebitmap:{premultiplyAlpha:`none`}}]])),e}var da=ua(),fa={id:null,powerPreference:`high-performance`,failIfMajorPerformanceCaveat:!1,featureLevel:void 0,optionalFeatures:[],xrCompatible:!1,createCanvasContext:void 0,webgl:{},onError:(e,t)=>{},onResize:(e,t)=>{let[n,r]=e.getDevicePixelSize();k.log(1,`${e} resized => ${n}x${r}px`)()},onPositionChange:(e,t)=>{let[n,r]=e.getPosition();k.log(1,`${e} repositioned => ${n},${r}`)()},onVisibilityChange:e=>k.log(1,`${e} Visibility changed ${e.isVisible}`)(),onDevicePixelRatioChange:(e,t)=>k.log(1,`${e} DPR changed ${t.oldRatio} => ${e.devicePixelRatio}`)(),debug:ma(),debugGPUTime:!1,debugShaders:k.get(`debug-shaders`)||void 0,debugFramebuffers:!!k.get(`debug-framebuffers`),debugFactories:!!k.get(`debug-factories`),debugWebGL:!!k.get(`debug-webgl`),debugSpectorJS:void 0,debugSpectorJSUrl:void 0,_reuseDevices:!1,_cacheShaders:!0,_destroyShaders:!1,_cachePipelines:!0,_sharePipelines:!0,_destroyPipelines:!1,_initializeFeatures:!0,_disabledFeatures:{"compilation-status-async-webgl":!0},_handle:void 0};function pa(e,t){return e==null?t!==void 0&&t!==`production`:!!e}function ma(){return pa(k.get(`debug`),ha())}function ha(){let e=globalThis.process;if(e?.env)return e.env.NODE_ENV}var ga=`GPU Time and Memory`,_a=[`Adapter`,`GPU`,`GPU Type`,`GPU Backend`,`Frame Rate`,`CPU Time`,`GPU Time`,`GPU Memory`,`Buffer Memory`,`Texture Memory`,`External Buffer Memory`,`External Texture Memory`,`Swap Chain Texture`],va=new WeakMap,ya=new WeakMap,ba=new class{stats=new Map;getStats(e){return this.get(e)}get(e){this.stats.has(e)||this.stats.set(e,new Fn({id:e}));let t=this.stats.get(e);return e===ga&&xa(t,_a),t}};function xa(e,t){let n=e.stats,r=!1;for(let i of t)n[i]||(e.get(i),r=!0);let i=Object.keys(n).length,a=va.get(e);if(!r&&a?.orderedStatNames===t&&a.statCount===i)return;let o={},s=ya.get(t);s||(s=new Set(t),ya.set(t,s));for(let e of t)n[e]&&(o[e]=n[e]);for(let[e,t]of Object.entries(n))s.has(e)||(o[e]=t);for(let e of Object.keys(n))delete n[e];Object.assign(n,o),va.set(e,{orderedStatNames:t,statCount:i})}var Sa=`set luma.log.level=1 (or higher) to trace rendering`,Ca="No matching device found. Ensure `@luma.gl/webgl` and/or `@luma.gl/webgpu` modules are imported.",wa=new class e{static defaultProps={...fa,type:`best-available`,adapters:void 0,waitForPageLoad:!0};stats=ba;log=k;VERSION=`9.4.2`;spector;preregisteredAdapters=new Map;constructor(){if(globalThis.luma){if(globalThis.luma.VERSION!==this.VERSION)throw k.error(`Found luma.gl ${globalThis.luma.VERSION} while initialzing ${this.VERSION}`)(),k.error(`'yarn why @luma.gl/core' can help identify the source of the conflict`)(),Error(`luma.gl - multiple versions detected: see console log`);k.error(`This version of luma.gl has already been initialized`)()}k.log(1,`${this.VERSION} - ${Sa}`)(),globalThis.luma=this}async createDevice(t={}){let n={...e.defaultProps,...t},r=this.selectAdapter(n.type,n.adapters);if(!r)throw Error(Ca);return n.waitForPageLoad&&await r.pageLoaded,await r.create(n)}async attachDevice(e,t){let n=this._getTypeFromHandle(e,t.adapters),r=n&&this.selectAdapter(n,t.adapters);if(!r)throw Error(Ca);return await r?.attach?.(e,t)}registerAdapters(e){for(let t of e)this.preregisteredAdapters.set(t.type,t)}getSupportedAdapters(e=[]){let t=this._getAdapterMap(e);return Array.from(t).map(([,e])=>e).filter(e=>e.isSupported?.()).map(e=>e.type)}getBestAvailableAdapterType(e=[]){let t=[`webgpu`,`webgl`,`null`],n=this._getAdapterMap(e);for(let e of t)if(n.get(e)?.isSupported?.())return e;return null}selectAdapter(e,t=[]){let n=e;e===`best-available`&&(n=this.getBestAvailableAdapterType(t));let r=this._getAdapterMap(t);return n&&r.get(n)||null}enforceWebGL2(e=!0,t=[]){let n=this._getAdapterMap(t).get(`webgl`);n||k.warn(`enforceWebGL2: webgl adapter not found`)(),n?.enforceWebGL2?.(e)}setDefaultDeviceProps(t){Object.assign(e.defaultProps,t)}_getAdapterMap(e=[]){let t=new Map(this.preregisteredAdapters);for(let n of e)t.set(n.type,n);return t}_getTypeFromHandle(e,t=[]){return e instanceof WebGL2RenderingContext?`webgl`:typeof GPUDevice<`u`&&e instanceof GPUDevice||e?.queue?`webgpu`:e===null?`null`:(e instanceof WebGLRenderingContext?k.warn(`WebGL1 is not supported`,e)():k.warn(`Unknown handle type`,e)(),null)}},Ta=class{get pageLoaded(){return ka()}},Ea=D()&&typeof document<`u`,Da=()=>Ea&&document.readyState===`complete`,Oa=null;function ka(){return Oa||=Da()||typeof window>`u`?Promise.resolve():new Promise(e=>window.addEventListener(`load`,()=>e())),Oa}function Aa(e){return typeof ImageData<`u`&&e instanceof ImageData||typeof ImageBitmap<`u`&&e instanceof ImageBitmap||typeof HTMLImageElement<`u`&&e instanceof HTMLImageElement||typeof HTMLVideoElement<`u`&&e instanceof HTMLVideoElement||typeof VideoFrame<`u`&&e instanceof VideoFrame||typeof HTMLCanvasElement<`u`&&e instanceof HTMLCanvasElement||typeof OffscreenCanvas<`u`&&e instanceof OffscreenCanvas}function ja(e){if(typeof ImageData<`u`&&e instanceof ImageData||typeof ImageBitmap<`u`&&e instanceof ImageBitmap||typeof HTMLCanvasElement<`u`&&e instanceof HTMLCanvasElement||typeof OffscreenCanvas<`u`&&e instanceof OffscreenCanvas)return{width:e.width,height:e.height};if(typeof HTMLImageElement<`u`&&e instanceof HTMLImageElement)return{width:e.naturalWidth,height:e.naturalHeight};if(typeof HTMLVideoElement<`u`&&e instanceof HTMLVideoElement)return{width:e.videoWidth,height:e.videoHeight};if(typeof VideoFrame<`u`&&e instanceof VideoFrame)return{width:e.displayWidth,height:e.displayHeight};throw Error(`Unknown image type`)}var Ma=class{};function Na(e,t){return[Pa(e),...t.map(Pa).filter(e=>e!==void 0)].filter(e=>e!==void 0)}function Pa(e){if(e!==void 0){if(e===null||typeof e==`string`||typeof e==`number`||typeof e==`boolean`)return e;if(e instanceof Error)return e.message;if(Array.isArray(e))return e.map(Pa);if(typeof e==`object`){if(Fa(e)){let t=String(e);if(t!==`[object Object]`)return t}return Ia(e)?La(e):e.constructor?.name||`Object`}return String(e)}}function Fa(e){return`toString`in e&&typeof e.toString==`function`&&e.toString!==Object.prototype.toString}function Ia(e){return`message`in e&&`type`in e}function La(e){let t=typeof e.type==`string`?e.type:`message`,n=typeof e.message==`string`?e.message:``,r=typeof e.lineNum==`number`?e.lineNum:null,i=typeof e.linePos==`number`?e.linePos:null;return`${t}${r!==null&&i!==null?` @ ${r}:${i}`:r===null?``:` @ ${r}`}: ${n}`.trim()}var Ra=class{features;disabledFeatures;constructor(e=[],t){this.features=new Set(e),this.disabledFeatures=t||{}}*[Symbol.iterator](){yield*this.features}has(e){return!this.disabledFeatures?.[e]&&this.features.has(e)}};function za(){if(typeof HTMLCanvasElement>`u`)return!1;let e=HTMLCanvasElement.prototype;return`layoutSubtree`in e&&typeof e.requestPaint==`function`}var Ba=class e{static defaultProps={...fa};get[Symbol.toStringTag](){return`Device`}toString(){return`Device(${this.id})`}toJSON(){return this.toString()}id;props;userData={};statsManager=ba;_factories={};timestamp=0;_reused=!1;_moduleData={};wgslLanguageFeatures=new Set;_textureCaps={};_debugGPUTimeQuery=null;constructor(t){this.props={...e.defaultProps,...t},this.id=this.props.id||fe(this[Symbol.toStringTag].toLowerCase())}getVertexFormatInfo(e){return re.getVertexFormatInfo(e)}isVertexFormatSupported(e){return!0}getTextureFormatInfo(e){return he.getInfo(e)}getTextureFormatCapabilities(e){let t=this._textureCaps[e];if(!t){let n=this._getDeviceTextureFormatCapabilities(e);t=this._getDeviceSpecificTextureFormatCapabilities(n),this._textureCaps[e]=t}return t}getMipLevelCount(e,t,n=1){return 1+Math.floor(Math.log2(Math.max(e,t,n)))}isExternalImage(e){return Aa(e)}getExternalImageSize(e){return ja(e)}isTextureFormatSupported(e){return this.getTextureFormatCapabilities(e).create}isTextureFormatFilterable(e){return this.getTextureFormatCapabilities(e).filter}isTextureFormatRenderable(e){return this.getTextureFormatCapabilities(e).render}isTextureFormatCompressed(e){return he.isCompressed(e)}getSupportedCompressedTextureFormats(){let e=[];for(let t of Object.keys(ge()))this.isTextureFormatCompressed(t)&&this.isTextureFormatSupported(t)&&e.push(t);return e}pushDebugGroup(e){this.commandEncoder.pushDebugGroup(e)}popDebugGroup(){this.commandEncoder?.popDebugGroup()}insertDebugMarker(e){this.commandEncoder?.insertDebugMarker(e)}loseDevice(){return!1}incrementTimestamp(){return this.timestamp++}reportError(e,t,...n){if(!this.props.onError(e,t)){let r=Na(t,n);return k.error(this.type===`webgl`?`%cWebGL`:`%cWebGPU`,`color: white; background: red; padding: 2px 6px; border-radius: 3px;`,e.message,...r)}return()=>{}}debug(){this.props.debug||k.once(0,`'Type luma.log.set({debug: true}) in console to enable debug breakpoints',
or create a device with the 'debug: true' prop.`)()}getDefaultCanvasContext(){if(!this.canvasContext)throw Error(`Device has no default CanvasContext. See props.createCanvasContext`);return this.canvasContext}createFence(){throw Error(`createFence() not implemented`)}beginRenderPass(e){return this.commandEncoder.beginRenderPass(e)}beginComputePass(e){return this.commandEncoder.beginComputePass(e)}writeBufferViaCommandEncoder(e,t,n,r=0){throw Error(`writeBufferViaCommandEncoder() not implemented`)}generateMipmapsWebGPU(e){throw Error(`not implemented`)}_createSharedRenderPipelineWebGL(e){throw Error(`_createSharedRenderPipelineWebGL() not implemented`)}_createBindGroupLayoutWebGPU(e,t){throw Error(`_createBindGroupLayoutWebGPU() not implemented`)}_createBindGroupWebGPU(e,t,n,r,i){throw Error(`_createBindGroupWebGPU() not implemented`)}_supportsDebugGPUTime(){return this.features.has(`timestamp-query`)&&!!(this.props.debug||this.props.debugGPUTime)}_enableDebugGPUTime(e=256){if(!this._supportsDebugGPUTime())return null;if(this._debugGPUTimeQuery)return this._debugGPUTimeQuery;try{this._debugGPUTimeQuery=this.createQuerySet({type:`timestamp`,count:e}),this.commandEncoder=this.createCommandEncoder({id:this.commandEncoder.props.id,timeProfilingQuerySet:this._debugGPUTimeQuery})}catch{this._debugGPUTimeQuery=null}return this._debugGPUTimeQuery}_disableDebugGPUTime(){this._debugGPUTimeQuery&&=(this.commandEncoder.getTimeProfilingQuerySet()===this._debugGPUTimeQuery&&(this.commandEncoder=this.createCommandEncoder({id:this.commandEncoder.props.id})),this._debugGPUTimeQuery.destroy(),null)}_isDebugGPUTimeEnabled(){return this._debugGPUTimeQuery!==null}getCanvasContext(){return this.getDefaultCanvasContext()}readPixelsToArrayWebGL(e,t){throw Error(`not implemented`)}readPixelsToBufferWebGL(e,t){throw Error(`not implemented`)}setParametersWebGL(e){throw Error(`not implemented`)}getParametersWebGL(e){throw Error(`not implemented`)}withParametersWebGL(e,t){throw Error(`not implemented`)}clearWebGL(e){throw Error(`not implemented`)}resetWebGL(){throw Error(`not implemented`)}getModuleData(e){return this._moduleData[e]||={},this._moduleData[e]}static _getCanvasContextProps(e){return e.createCanvasContext===!0?{}:e.createCanvasContext}_getDeviceTextureFormatCapabilities(e){let t=he.getCapabilities(e),n=e=>(typeof e==`string`?this.features.has(e):e)??!0,r=n(t.create);return{format:e,create:r,render:r&&n(t.render),filter:r&&n(t.filter),blend:r&&n(t.blend),store:r&&n(t.store)}}_normalizeBufferProps(e){(e instanceof ArrayBuffer||ArrayBuffer.isView(e))&&(e={data:e});let t={...e};if((e.usage||0)&O.INDEX&&(e.indexType||(e.data instanceof Uint32Array?t.indexType=`uint32`:e.data instanceof Uint16Array?t.indexType=`uint16`:e.data instanceof Uint8Array&&(t.data=new Uint16Array(e.data),t.indexType=`uint16`)),!t.indexType))throw Error(`indices buffer content must be of type uint16 or uint32`);return t}},Va=class{props;_resizeObserver;_intersectionObserver;_observeDevicePixelRatioTimeout=null;_observeDevicePixelRatioMediaQuery=null;_handleDevicePixelRatioChange=()=>this._refreshDevicePixelRatio();_trackPositionInterval=null;_started=!1;get started(){return this._started}constructor(e){this.props=e}start(){if(this._started||!this.props.canvas)return;this._started=!0,this._intersectionObserver||=new IntersectionObserver(e=>this.props.onIntersection(e)),this._resizeObserver||=new ResizeObserver(e=>this.props.onResize(e)),this._intersectionObserver.observe(this.props.canvas);let e=this.props.resizeObserverBox;try{this._resizeObserver.observe(this.props.canvas,{box:e})}catch{this._resizeObserver.observe(this.props.canvas,{box:`content-box`})}this._observeDevicePixelRatioTimeout=setTimeout(()=>this._refreshDevicePixelRatio(),0),this.props.trackPosition&&this._trackPosition()}stop(){this._started&&(this._started=!1,this._observeDevicePixelRatioTimeout&&=(clearTimeout(this._observeDevicePixelRatioTimeout),null),this._observeDevicePixelRatioMediaQuery&&=(this._observeDevicePixelRatioMediaQuery.removeEventListener(`change`,this._handleDevicePixelRatioChange),null),this._trackPositionInterval&&=(clearInterval(this._trackPositionInterval),null),this._resizeObserver?.disconnect(),this._intersectionObserver?.disconnect())}_refreshDevicePixelRatio(){this._started&&(this.props.onDevicePixelRatioChange(),this._observeDevicePixelRatioMediaQuery?.removeEventListener(`change`,this._handleDevicePixelRatioChange),this._observeDevicePixelRatioMediaQuery=matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`),this._observeDevicePixelRatioMediaQuery.addEventListener(`change`,this._handleDevicePixelRatioChange,{once:!0}))}_trackPosition(e=100){this._trackPositionInterval||=setInterval(()=>{this._started?this.props.onPositionChange():this._trackPositionInterval&&=(clearInterval(this._trackPositionInterval),null)},e)}};function Ha(){let e,t;return{promise:new Promise((n,r)=>{e=n,t=r}),resolve:e,reject:t}}var Ua=class e{static isHTMLCanvas(e){return typeof HTMLCanvasElement<`u`&&e instanceof HTMLCanvasElement}static isOffscreenCanvas(e){return typeof OffscreenCanvas<`u`&&e instanceof OffscreenCanvas}static defaultProps={id:void 0,canvas:null,width:800,height:600,useDevicePixels:!0,pixelSizeSource:`exact`,autoResize:!0,container:null,visible:!0,alphaMode:`opaque`,colorSpace:`srgb`,colorFormat:void 0,toneMapping:`standard`,trackPosition:!1};id;props;canvas;htmlCanvas;offscreenCanvas;type;initialized;isInitialized=!1;isVisible=!0;cssWidth;cssHeight;devicePixelRatio;devicePixelWidth;devicePixelHeight;drawingBufferWidth;drawingBufferHeight;_initializedResolvers=Ha();_canvasObserver;_position=[0,0];destroyed=!1;_needsDrawingBufferResize=!0;_configuredDrawingBufferSize=[0,0];toString(){return`${this[Symbol.toStringTag]}(${this.id})`}constructor(t){this.props={...e.defaultProps,...t},t=this.props,this.initialized=this._initializedResolvers.promise,this.canvas=D()?t.canvas?typeof t.canvas==`string`?Ga(t.canvas):t.canvas:Ka(t):{width:t.width||1,height:t.height||1},e.isHTMLCanvas(this.canvas)?(this.id=t.id||this.canvas.id,this.type=`html-canvas`,this.htmlCanvas=this.canvas):e.isOffscreenCanvas(this.canvas)?(this.id=t.id||`offscreen-canvas`,this.type=`offscreen-canvas`,this.offscreenCanvas=this.canvas):(this.id=t.id||`node-canvas-context`,this.type=`node`),this.cssWidth=this.htmlCanvas?.clientWidth||this.canvas.width,this.cssHeight=this.htmlCanvas?.clientHeight||this.canvas.height,this.devicePixelWidth=this.canvas.width,this.devicePixelHeight=this.canvas.height,this.drawingBufferWidth=this.canvas.width,this.drawingBufferHeight=this.canvas.height,this._configuredDrawingBufferSize=[this.canvas.width,this.canvas.height],this.devicePixelRatio=globalThis.devicePixelRatio||1,this._position=[0,0],this._canvasObserver=new Va({canvas:this.htmlCanvas,trackPosition:this.props.trackPosition,resizeObserverBox:this.props.pixelSizeSource===`css-dpr`?`content-box`:`device-pixel-content-box`,onResize:e=>this._handleResize(e),onIntersection:e=>this._handleIntersection(e),onDevicePixelRatioChange:()=>this._observeDevicePixelRatio(),onPositionChange:()=>this.updatePosition()})}destroy(){this.destroyed||(this.destroyed=!0,this._stopObservers(),this.device=null)}setProps(e){return`useDevicePixels`in e&&(this.props.useDevicePixels=e.useDevicePixels||!1,this._updateDrawingBufferSize()),this}getCurrentFramebuffer(e){return this._resizeDrawingBufferIfNeeded(),this._getCurrentFramebuffer(e)}getCSSSize(){return[this.cssWidth,this.cssHeight]}getPosition(){return this._position}getDevicePixelSize(){return[this.devicePixelWidth,this.devicePixelHeight]}getDrawingBufferSize(){return[this.drawingBufferWidth,this.drawingBufferHeight]}getMaxDrawingBufferSize(){let e=this.device.limits.maxTextureDimension2D;return[e,e]}setDrawingBufferSize(e,t){e=Math.floor(e),t=Math.floor(t),(this.drawingBufferWidth!==e||this.drawingBufferHeight!==t)&&(this.drawingBufferWidth=e,this.drawingBufferHeight=t,this._needsDrawingBufferResize=!0)}getDevicePixelRatio(){return typeof window<`u`&&window.devicePixelRatio||1}cssToDevicePixels(e,t=!0){let n=this.cssToDeviceRatio(),[r,i]=this.getDrawingBufferSize();return qa(e,n,r,i,t)}getPixelSize(){return this.getDevicePixelSize()}getAspect(){let[e,t]=this.getDrawingBufferSize();return e>0&&t>0?e/t:1}cssToDeviceRatio(){try{let[e]=this.getDrawingBufferSize(),[t]=this.getCSSSize();return t?e/t:1}catch{return 1}}resize(e){this.setDrawingBufferSize(e.width,e.height)}_setAutoCreatedCanvasId(e){this.htmlCanvas?.id===`lumagl-auto-created-canvas`&&(this.htmlCanvas.id=e)}_startObservers(){this.destroyed||this._canvasObserver.start()}_stopObservers(){this._canvasObserver.stop()}_handleIntersection(e){if(this.destroyed)return;let t=e.find(e=>e.target===this.canvas);if(!t)return;let n=t.isIntersecting;this.isVisible!==n&&(this.isVisible=n,this.device.props.onVisibilityChange(this))}_handleResize(e){if(this.destroyed)return;let t=e.find(e=>e.target===this.canvas);if(!t)return;let n=ne(t.contentBoxSize?.[0]);this.cssWidth=n.inlineSize,this.cssHeight=n.blockSize;let r=this.getDevicePixelSize();this._setDevicePixelSize(this._getDevicePixelSizeFromResizeEntry(t)),this._updateDrawingBufferSize(),this.device.props.onResize(this,{oldPixelSize:r})}_updateDrawingBufferSize(){if(this.props.autoResize){if(typeof this.props.useDevicePixels==`number`){let e=this.props.useDevicePixels;this.setDrawingBufferSize(this.cssWidth*e,this.cssHeight*e)}else this.props.useDevicePixels?this.setDrawingBufferSize(this.devicePixelWidth,this.devicePixelHeight):this.setDrawingBufferSize(this.cssWidth,this.cssHeight)}this._initializedResolvers.resolve(),this.isInitialized=!0,this.updatePosition()}_getDevicePixelSizeFromResizeEntry(e){let t=ne(e.contentBoxSize?.[0]);return this.props.pixelSizeSource===`css-dpr`?this._getDevicePixelSizeFromCSSSize(t.inlineSize,t.blockSize):{devicePixelWidth:e.devicePixelContentBoxSize?.[0]?.inlineSize||t.inlineSize*devicePixelRatio,devicePixelHeight:e.devicePixelContentBoxSize?.[0]?.blockSize||t.blockSize*devicePixelRatio}}_getDevicePixelSizeFromCSSSize(e,t){let n=this.getDevicePixelRatio();return{devicePixelWidth:Math.floor(e*n),devicePixelHeight:Math.floor(t*n)}}_setDevicePixelSize({devicePixelWidth:e,devicePixelHeight:t}){let[n,r]=this.getMaxDrawingBufferSize();this.devicePixelWidth=Math.max(1,Math.min(e,n)),this.devicePixelHeight=Math.max(1,Math.min(t,r))}_resizeDrawingBufferIfNeeded(){if(this._needsDrawingBufferResize){this._needsDrawingBufferResize=!1,(this.drawingBufferWidth!==this.canvas.width||this.drawingBufferHeight!==this.canvas.height)&&(this.canvas.width=this.drawingBufferWidth,this.canvas.height=this.drawingBufferHeight);let[e,t]=this._configuredDrawingBufferSize;(this.drawingBufferWidth!==e||this.drawingBufferHeight!==t)&&(this._configureDevice(),this._configuredDrawingBufferSize=[this.drawingBufferWidth,this.drawingBufferHeight])}}_observeDevicePixelRatio(){if(this.destroyed||!this._canvasObserver.started)return;let e=this.devicePixelRatio;if(this.devicePixelRatio=window.devicePixelRatio,this.props.pixelSizeSource===`css-dpr`){let e=this.getDevicePixelSize();this._setDevicePixelSize(this._getDevicePixelSizeFromCSSSize(this.cssWidth,this.cssHeight)),this._updateDrawingBufferSize(),this.device.props.onResize(this,{oldPixelSize:e})}this.updatePosition(),this.device.props.onDevicePixelRatioChange?.(this,{oldRatio:e})}updatePosition(){if(this.destroyed)return;let e=this.htmlCanvas?.getBoundingClientRect();if(e){let t=[e.left,e.top];if(this._position??=t,t[0]!==this._position[0]||t[1]!==this._position[1]){let e=this._position;this._position=t,this.device.props.onPositionChange?.(this,{oldPosition:e})}}}};function Wa(e){if(typeof e==`string`){let t=document.getElementById(e);if(!t)throw Error(`${e} is not an HTML element`);return t}return e||document.body}function Ga(e){let t=document.getElementById(e);if(!Ua.isHTMLCanvas(t))throw Error(`Object is not a canvas element`);return t}function Ka(e){let{width:t,height:n}=e,r=document.createElement(`canvas`);r.id=fe(`lumagl-auto-created-canvas`),r.width=t||1,r.height=n||1,r.style.width=Number.isFinite(t)?`${t}px`:`100%`,r.style.height=Number.isFinite(n)?`${n}px`:`100%`,e?.visible||(r.style.visibility=`hidden`);let i=Wa(e?.container||null);return i.insertBefore(r,i.firstChild),r}function qa(e,t,n,r,i){let a=e,o=Ja(a[0],t,n),s=Ya(a[1],t,r,i),c=Ja(a[0]+1,t,n),l=c===n-1?c:c-1;c=Ya(a[1]+1,t,r,i);let u;return i?(c=c===0?c:c+1,u=s,s=c):u=c===r-1?c:c-1,{x:o,y:s,width:Math.max(l-o+1,1),height:Math.max(u-s+1,1)}}function Ja(e,t,n){return Math.min(Math.round(e*t),n-1)}function Ya(e,t,n,r){return r?Math.max(0,n-1-Math.round(e*t)):Math.min(Math.round(e*t),n-1)}var Xa=class extends Ua{static defaultProps=Ua.defaultProps},Za=class extends Ua{},Qa=class e extends A{width;height;updateTimestamp;get[Symbol.toStringTag](){return`ExternalTexture`}constructor(t,n){super(t,n,e.defaultProps);let r=this.props.source?t.getExternalImageSize(this.props.source):null;this.width=this.props.width||r?.width||0,this.height=this.props.height||r?.height||0,this.updateTimestamp=t.incrementTimestamp()}static defaultProps={...A.defaultProps,source:void 0,width:0,height:0,colorSpace:`srgb`,sampler:{}}},$a=class e extends A{get[Symbol.toStringTag](){return`Framebuffer`}width;height;constructor(t,n={}){super(t,n,e.defaultProps),this.width=this.props.width,this.height=this.props.height}clone(e){let t=this.colorAttachments.map(t=>t.texture.clone(e)),n=this.depthStencilAttachment&&this.depthStencilAttachment.texture.clone(e);return this.device.createFramebuffer({...this.props,...e,colorAttachments:t,depthStencilAttachment:n})}resize(e){let t=!e;if(e){let[n,r]=Array.isArray(e)?e:[e.width,e.height];t=t||r!==this.height||n!==this.width,this.width=n,this.height=r}t&&(k.log(2,`Resizing framebuffer ${this.id} to ${this.width}x${this.height}`)(),this.resizeAttachments(this.width,this.height))}autoCreateAttachmentTextures(){if(this.props.colorAttachments.length===0&&!this.props.depthStencilAttachment)throw Error(`Framebuffer has noattachments`);this.colorAttachments=this.props.colorAttachments.map((e,t)=>{if(typeof e==`string`){let n=this.createColorTexture(e,t);return this.attachResource(n),n.view}return e instanceof j?e.view:e});let e=this.props.depthStencilAttachment;if(e){if(typeof e==`string`){let t=this.createDepthStencilTexture(e);this.attachResource(t),this.depthStencilAttachment=t.view}else this.depthStencilAttachment=e instanceof j?e.view:e}}createColorTexture(e,t){return this.device.createTexture({id:`${this.id}-color-attachment-${t}`,usage:j.RENDER_ATTACHMENT,format:e,width:this.width,height:this.height,sampler:{magFilter:`linear`,minFilter:`linear`}})}createDepthStencilTexture(e){return this.device.createTexture({id:`${this.id}-depth-stencil-attachment`,usage:j.RENDER_ATTACHMENT|j.SAMPLE,format:e,width:this.width,height:this.height})}resizeAttachments(e,t){if(this.colorAttachments.forEach((n,r)=>{let i=n.texture.clone({width:e,height:t});this.destroyAttachedResource(n),this.colorAttachments[r]=i.view,this.attachResource(i.view)}),this.depthStencilAttachment){let n=this.depthStencilAttachment.texture.clone({width:e,height:t});this.destroyAttachedResource(this.depthStencilAttachment),this.depthStencilAttachment=n.view,this.attachResource(n)}this.updateAttachments()}static defaultProps={...A.defaultProps,width:1,height:1,colorAttachments:[],depthStencilAttachment:null}},eo=class extends A{get[Symbol.toStringTag](){return`SharedRenderPipeline`}constructor(e,t){super(e,t,{...A.defaultProps,handle:void 0,vs:void 0,fs:void 0,varyings:void 0,bufferMode:void 0})}},to=class e extends A{static defaultClearColor=[0,0,0,1];static defaultClearDepth=1;static defaultClearStencil=0;get[Symbol.toStringTag](){return`RenderPass`}constructor(t,n,r=e.defaultProps){n=e.normalizeProps(t,n),super(t,n,r)}static normalizeProps(e,t){return t}static defaultProps={...A.defaultProps,framebuffer:null,resolveTargets:void 0,parameters:void 0,clearColor:e.defaultClearColor,clearColors:void 0,clearDepth:e.defaultClearDepth,clearStencil:e.defaultClearStencil,depthReadOnly:!1,stencilReadOnly:!1,discard:!1,occlusionQuerySet:void 0,timestampQuerySet:void 0,beginTimestampIndex:void 0,endTimestampIndex:void 0}},no=class e extends A{get[Symbol.toStringTag](){return`CommandEncoder`}_timeProfilingQuerySet=null;_timeProfilingSlotCount=0;_gpuTimeMs;constructor(t,n){super(t,n,e.defaultProps),this._timeProfilingQuerySet=n.timeProfilingQuerySet??null,this._timeProfilingSlotCount=0,this._gpuTimeMs=void 0}async resolveTimeProfilingQuerySet(){if(this._gpuTimeMs=void 0,!this._timeProfilingQuerySet)return;let e=Math.floor(this._timeProfilingSlotCount/2);if(e<=0)return;let t=e*2,n=await this._timeProfilingQuerySet.readResults({firstQuery:0,queryCount:t}),r=0n;for(let e=0;e<t;e+=2)r+=n[e+1]-n[e];this._gpuTimeMs=Number(r)/1e6}getTimeProfilingSlotCount(){return this._timeProfilingSlotCount}getTimeProfilingQuerySet(){return this._timeProfilingQuerySet}_applyTimeProfilingToPassProps(e){let t=e||{};if(!this._supportsTimestampQueries()||!this._timeProfilingQuerySet||t.timestampQuerySet!==void 0||t.beginTimestampIndex!==void 0||t.endTimestampIndex!==void 0)return t;let n=this._timeProfilingSlotCount;return n+1>=this._timeProfilingQuerySet.props.count?t:(this._timeProfilingSlotCount+=2,{...t,timestampQuerySet:this._timeProfilingQuerySet,beginTimestampIndex:n,endTimestampIndex:n+1})}_supportsTimestampQueries(){return this.device.features.has(`timestamp-query`)}static defaultProps={...A.defaultProps,measureExecutionTime:void 0,timeProfilingQuerySet:void 0}},ro=class e extends A{get[Symbol.toStringTag](){return`CommandBuffer`}constructor(t,n){super(t,n,e.defaultProps)}static defaultProps={...A.defaultProps}},io=class e extends A{static defaultProps={...A.defaultProps,shaderLayout:void 0,bufferLayout:[]};get[Symbol.toStringTag](){return`VertexArray`}maxVertexAttributes;indexBuffer=null;attributes;constructor(t,n){super(t,n,e.defaultProps),this.maxVertexAttributes=t.limits.maxVertexAttributes,this.attributes=Array(this.maxVertexAttributes).fill(null)}getBufferSlot(e){return null}getDrawValidationError(){return null}setConstantWebGL(e,t){this.device.reportError(Error(`constant attributes not supported`),this)()}},ao=class e extends A{static defaultProps={...A.defaultProps,layout:void 0,buffers:{}};get[Symbol.toStringTag](){return`TransformFeedback`}constructor(t,n){super(t,n,e.defaultProps)}},oo=class e extends A{get[Symbol.toStringTag](){return`QuerySet`}constructor(t,n){super(t,n,e.defaultProps)}static defaultProps={...A.defaultProps,type:void 0,count:void 0}},so=class e extends A{static defaultProps={...A.defaultProps};get[Symbol.toStringTag](){return`Fence`}constructor(t,n={}){super(t,n,e.defaultProps)}},co=`#version 300 es
out vec4 transform_output;
void main() {
  transform_output = vec4(0);
}`;function lo(e){let{input:t,inputChannels:n,output:r}=e||{};if(!t)return co;if(!n)throw Error(`inputChannels`);return`\
#version 300 es
in ${uo(n)} ${t};
out vec4 ${r};
void main() {
  ${r} = ${fo(t,n)};
}`}function uo(e){switch(e){case 1:return`float`;case 2:return`vec2`;case 3:return`vec3`;case 4:return`vec4`;default:throw Error(`invalid channels: ${e}`)}}function fo(e,t){switch(t){case 1:return`vec4(${e}, 0.0, 0.0, 1.0)`;case 2:return`vec4(${e}, 0.0, 1.0)`;case 3:return`vec4(${e}, 1.0)`;case 4:return e;default:throw Error(`invalid channels: ${t}`)}}globalThis.mathgl=globalThis.mathgl||{config:{EPSILON:1e-12,debug:!1,precision:4,printTypes:!1,printDegrees:!1,printRowMajor:!0,_cartographicRadians:!1}};var R=globalThis.mathgl.config;function po(e,{precision:t=R.precision}={}){return e=_o(e),`${parseFloat(e.toPrecision(t))}`}function mo(e){return Array.isArray(e)||ArrayBuffer.isView(e)&&!(e instanceof DataView)}function z(e,t,n){return yo(e,e=>Math.max(t,Math.min(n,e)))}function ho(e,t,n){return mo(e)?e.map((e,r)=>ho(e,t[r],n)):n*t+(1-n)*e}function go(e,t,n){let r=R.EPSILON;n&&(R.EPSILON=n);try{if(e===t)return!0;if(mo(e)&&mo(t)){if(e.length!==t.length)return!1;for(let n=0;n<e.length;++n)if(!go(e[n],t[n]))return!1;return!0}return e&&e.equals?e.equals(t):t&&t.equals?t.equals(e):typeof e==`number`&&typeof t==`number`&&Math.abs(e-t)<=R.EPSILON*Math.max(1,Math.abs(e),Math.abs(t))}finally{R.EPSILON=r}}function _o(e){return Math.round(e/R.EPSILON)*R.EPSILON}function vo(e){return e.clone?e.clone():Array(e.length)}function yo(e,t,n){if(mo(e)){let r=e;n||=vo(r);for(let i=0;i<n.length&&i<r.length;++i){let r=typeof e==`number`?e:e[i];n[i]=t(r,i,n)}return n}return t(e)}var bo=class extends Array{clone(){return new this.constructor().copy(this)}fromArray(e,t=0){for(let n=0;n<this.ELEMENTS;++n)this[n]=e[n+t];return this.check()}toArray(e=[],t=0){for(let n=0;n<this.ELEMENTS;++n)e[t+n]=this[n];return e}toObject(e){return e}from(e){return Array.isArray(e)?this.copy(e):this.fromObject(e)}to(e){return e===this?this:mo(e)?this.toArray(e):this.toObject(e)}toTarget(e){return e?this.to(e):this}toFloat32Array(){return new Float32Array(this)}toString(){return this.formatString(R)}formatString(e){let t=``;for(let n=0;n<this.ELEMENTS;++n)t+=(n>0?`, `:``)+po(this[n],e);return`${e.printTypes?this.constructor.name:``}[${t}]`}equals(e){if(!e||this.length!==e.length)return!1;for(let t=0;t<this.ELEMENTS;++t)if(!go(this[t],e[t]))return!1;return!0}exactEquals(e){if(!e||this.length!==e.length)return!1;for(let t=0;t<this.ELEMENTS;++t)if(this[t]!==e[t])return!1;return!0}negate(){for(let e=0;e<this.ELEMENTS;++e)this[e]=-this[e];return this.check()}lerp(e,t,n){if(n===void 0)return this.lerp(this,e,t);for(let r=0;r<this.ELEMENTS;++r){let i=e[r],a=typeof t==`number`?t:t[r];this[r]=i+n*(a-i)}return this.check()}min(e){for(let t=0;t<this.ELEMENTS;++t)this[t]=Math.min(e[t],this[t]);return this.check()}max(e){for(let t=0;t<this.ELEMENTS;++t)this[t]=Math.max(e[t],this[t]);return this.check()}clamp(e,t){for(let n=0;n<this.ELEMENTS;++n)this[n]=Math.min(Math.max(this[n],e[n]),t[n]);return this.check()}add(...e){for(let t of e)for(let e=0;e<this.ELEMENTS;++e)this[e]+=t[e];return this.check()}subtract(...e){for(let t of e)for(let e=0;e<this.ELEMENTS;++e)this[e]-=t[e];return this.check()}scale(e){if(typeof e==`number`)for(let t=0;t<this.ELEMENTS;++t)this[t]*=e;else for(let t=0;t<this.ELEMENTS&&t<e.length;++t)this[t]*=e[t];return this.check()}multiplyByScalar(e){for(let t=0;t<this.ELEMENTS;++t)this[t]*=e;return this.check()}check(){if(R.debug&&!this.validate())throw Error(`math.gl: ${this.constructor.name} some fields set to invalid numbers'`);return this}validate(){let e=this.length===this.ELEMENTS;for(let t=0;t<this.ELEMENTS;++t)e&&=Number.isFinite(this[t]);return e}sub(e){return this.subtract(e)}setScalar(e){for(let t=0;t<this.ELEMENTS;++t)this[t]=e;return this.check()}addScalar(e){for(let t=0;t<this.ELEMENTS;++t)this[t]+=e;return this.check()}subScalar(e){return this.addScalar(-e)}multiplyScalar(e){for(let t=0;t<this.ELEMENTS;++t)this[t]*=e;return this.check()}divideScalar(e){return this.multiplyByScalar(1/e)}clampScalar(e,t){for(let n=0;n<this.ELEMENTS;++n)this[n]=Math.min(Math.max(this[n],e),t);return this.check()}get elements(){return this}};function xo(e,t){if(e.length!==t)return!1;for(let t=0;t<e.length;++t)if(!Number.isFinite(e[t]))return!1;return!0}function B(e){if(!Number.isFinite(e))throw Error(`Invalid number ${JSON.stringify(e)}`);return e}function So(e,t,n=``){if(R.debug&&!xo(e,t))throw Error(`math.gl: ${n} some fields set to invalid numbers'`);return e}function Co(e,t){if(!e)throw Error(`math.gl assertion ${t}`)}var wo=class extends bo{get x(){return this[0]}set x(e){this[0]=B(e)}get y(){return this[1]}set y(e){this[1]=B(e)}len(){return Math.sqrt(this.lengthSquared())}magnitude(){return this.len()}lengthSquared(){let e=0;for(let t=0;t<this.ELEMENTS;++t)e+=this[t]*this[t];return e}magnitudeSquared(){return this.lengthSquared()}distance(e){return Math.sqrt(this.distanceSquared(e))}distanceSquared(e){let t=0;for(let n=0;n<this.ELEMENTS;++n){let r=this[n]-e[n];t+=r*r}return B(t)}dot(e){let t=0;for(let n=0;n<this.ELEMENTS;++n)t+=this[n]*e[n];return B(t)}normalize(){let e=this.magnitude();if(e!==0)for(let t=0;t<this.ELEMENTS;++t)this[t]/=e;return this.check()}multiply(...e){for(let t of e)for(let e=0;e<this.ELEMENTS;++e)this[e]*=t[e];return this.check()}divide(...e){for(let t of e)for(let e=0;e<this.ELEMENTS;++e)this[e]/=t[e];return this.check()}lengthSq(){return this.lengthSquared()}distanceTo(e){return this.distance(e)}distanceToSquared(e){return this.distanceSquared(e)}getComponent(e){return Co(e>=0&&e<this.ELEMENTS,`index is out of range`),B(this[e])}setComponent(e,t){return Co(e>=0&&e<this.ELEMENTS,`index is out of range`),this[e]=t,this.check()}addVectors(e,t){return this.copy(e).add(t)}subVectors(e,t){return this.copy(e).subtract(t)}multiplyVectors(e,t){return this.copy(e).multiply(t)}addScaledVector(e,t){return this.add(new this.constructor(e).multiplyScalar(t))}},To=typeof Float32Array<`u`?Float32Array:Array;function Eo(){let e=new To(2);return To!=Float32Array&&(e[0]=0,e[1]=0),e}function Do(e,t,n){return e[0]=t[0]+n[0],e[1]=t[1]+n[1],e}function Oo(e,t,n){return e[0]=t[0]-n[0],e[1]=t[1]-n[1],e}function ko(e,t){return e[0]=-t[0],e[1]=-t[1],e}function Ao(e,t,n,r){let i=t[0],a=t[1];return e[0]=i+r*(n[0]-i),e[1]=a+r*(n[1]-a),e}function jo(e,t,n){let r=t[0],i=t[1];return e[0]=n[0]*r+n[4]*i+n[12],e[1]=n[1]*r+n[5]*i+n[13],e}var Mo=Oo;(function(){let e=Eo();return function(t,n,r,i,a,o){let s,c;for(n||=2,r||=0,c=i?Math.min(i*n+r,t.length):t.length,s=r;s<c;s+=n)e[0]=t[s],e[1]=t[s+1],a(e,e,o),t[s]=e[0],t[s+1]=e[1];return t}})();function No(e,t,n){let r=t[0],i=t[1],a=n[3]*r+n[7]*i||1;return e[0]=(n[0]*r+n[4]*i)/a,e[1]=(n[1]*r+n[5]*i)/a,e}function Po(e,t,n){let r=t[0],i=t[1],a=t[2],o=n[3]*r+n[7]*i+n[11]*a||1;return e[0]=(n[0]*r+n[4]*i+n[8]*a)/o,e[1]=(n[1]*r+n[5]*i+n[9]*a)/o,e[2]=(n[2]*r+n[6]*i+n[10]*a)/o,e}function Fo(e,t,n){let r=t[0],i=t[1];return e[0]=n[0]*r+n[2]*i,e[1]=n[1]*r+n[3]*i,e[2]=t[2],e}function Io(){let e=new To(3);return To!=Float32Array&&(e[0]=0,e[1]=0,e[2]=0),e}function Lo(e,t,n){return e[0]=t[0]-n[0],e[1]=t[1]-n[1],e[2]=t[2]-n[2],e}function Ro(e,t){return e[0]=-t[0],e[1]=-t[1],e[2]=-t[2],e}function zo(e,t){return e[0]*t[0]+e[1]*t[1]+e[2]*t[2]}function Bo(e,t,n){let r=t[0],i=t[1],a=t[2],o=n[0],s=n[1],c=n[2];return e[0]=i*c-a*s,e[1]=a*o-r*c,e[2]=r*s-i*o,e}function Vo(e,t,n){let r=t[0],i=t[1],a=t[2],o=n[3]*r+n[7]*i+n[11]*a+n[15];return o||=1,e[0]=(n[0]*r+n[4]*i+n[8]*a+n[12])/o,e[1]=(n[1]*r+n[5]*i+n[9]*a+n[13])/o,e[2]=(n[2]*r+n[6]*i+n[10]*a+n[14])/o,e}function Ho(e,t,n){let r=t[0],i=t[1],a=t[2];return e[0]=r*n[0]+i*n[3]+a*n[6],e[1]=r*n[1]+i*n[4]+a*n[7],e[2]=r*n[2]+i*n[5]+a*n[8],e}function Uo(e,t,n){let r=n[0],i=n[1],a=n[2],o=n[3],s=t[0],c=t[1],l=t[2],u=i*l-a*c,d=a*s-r*l,f=r*c-i*s,p=i*f-a*d,m=a*u-r*f,h=r*d-i*u,g=o*2;return u*=g,d*=g,f*=g,p*=2,m*=2,h*=2,e[0]=s+u+p,e[1]=c+d+m,e[2]=l+f+h,e}function Wo(e,t,n,r){let i=[],a=[];return i[0]=t[0]-n[0],i[1]=t[1]-n[1],i[2]=t[2]-n[2],a[0]=i[0],a[1]=i[1]*Math.cos(r)-i[2]*Math.sin(r),a[2]=i[1]*Math.sin(r)+i[2]*Math.cos(r),e[0]=a[0]+n[0],e[1]=a[1]+n[1],e[2]=a[2]+n[2],e}function Go(e,t,n,r){let i=[],a=[];return i[0]=t[0]-n[0],i[1]=t[1]-n[1],i[2]=t[2]-n[2],a[0]=i[2]*Math.sin(r)+i[0]*Math.cos(r),a[1]=i[1],a[2]=i[2]*Math.cos(r)-i[0]*Math.sin(r),e[0]=a[0]+n[0],e[1]=a[1]+n[1],e[2]=a[2]+n[2],e}function Ko(e,t,n,r){let i=[],a=[];return i[0]=t[0]-n[0],i[1]=t[1]-n[1],i[2]=t[2]-n[2],a[0]=i[0]*Math.cos(r)-i[1]*Math.sin(r),a[1]=i[0]*Math.sin(r)+i[1]*Math.cos(r),a[2]=i[2],e[0]=a[0]+n[0],e[1]=a[1]+n[1],e[2]=a[2]+n[2],e}function qo(e,t){let n=e[0],r=e[1],i=e[2],a=t[0],o=t[1],s=t[2],c=Math.sqrt((n*n+r*r+i*i)*(a*a+o*o+s*s)),l=c&&zo(e,t)/c;return Math.acos(Math.min(Math.max(l,-1),1))}var Jo=Lo;(function(){let e=Io();return function(t,n,r,i,a,o){let s,c;for(n||=3,r||=0,c=i?Math.min(i*n+r,t.length):t.length,s=r;s<c;s+=n)e[0]=t[s],e[1]=t[s+1],e[2]=t[s+2],a(e,e,o),t[s]=e[0],t[s+1]=e[1],t[s+2]=e[2];return t}})();var Yo=[0,0,0],Xo,Zo=class e extends wo{static get ZERO(){return Xo||(Xo=new e(0,0,0),Object.freeze(Xo)),Xo}constructor(e=0,t=0,n=0){super(-0,-0,-0),arguments.length===1&&mo(e)?this.copy(e):(R.debug&&(B(e),B(t),B(n)),this[0]=e,this[1]=t,this[2]=n)}set(e,t,n){return this[0]=e,this[1]=t,this[2]=n,this.check()}copy(e){return this[0]=e[0],this[1]=e[1],this[2]=e[2],this.check()}fromObject(e){return R.debug&&(B(e.x),B(e.y),B(e.z)),this[0]=e.x,this[1]=e.y,this[2]=e.z,this.check()}toObject(e){return e.x=this[0],e.y=this[1],e.z=this[2],e}get ELEMENTS(){return 3}get z(){return this[2]}set z(e){this[2]=B(e)}angle(e){return qo(this,e)}cross(e){return Bo(this,this,e),this.check()}rotateX({radians:e,origin:t=Yo}){return Wo(this,this,t,e),this.check()}rotateY({radians:e,origin:t=Yo}){return Go(this,this,t,e),this.check()}rotateZ({radians:e,origin:t=Yo}){return Ko(this,this,t,e),this.check()}transform(e){return this.transformAsPoint(e)}transformAsPoint(e){return Vo(this,this,e),this.check()}transformAsVector(e){return Po(this,this,e),this.check()}transformByMatrix3(e){return Ho(this,this,e),this.check()}transformByMatrix2(e){return Fo(this,this,e),this.check()}transformByQuaternion(e){return Uo(this,this,e),this.check()}},Qo=class extends bo{toString(){let e=`[`;if(R.printRowMajor){e+=`row-major:`;for(let t=0;t<this.RANK;++t)for(let n=0;n<this.RANK;++n)e+=` ${this[n*this.RANK+t]}`}else{e+=`column-major:`;for(let t=0;t<this.ELEMENTS;++t)e+=` ${this[t]}`}return e+=`]`,e}getElementIndex(e,t){return t*this.RANK+e}getElement(e,t){return this[t*this.RANK+e]}setElement(e,t,n){return this[t*this.RANK+e]=B(n),this}getColumn(e,t=Array(this.RANK).fill(-0)){let n=e*this.RANK;for(let e=0;e<this.RANK;++e)t[e]=this[n+e];return t}setColumn(e,t){let n=e*this.RANK;for(let e=0;e<this.RANK;++e)this[n+e]=t[e];return this}};function $o(e){return e[0]=1,e[1]=0,e[2]=0,e[3]=0,e[4]=0,e[5]=1,e[6]=0,e[7]=0,e[8]=0,e[9]=0,e[10]=1,e[11]=0,e[12]=0,e[13]=0,e[14]=0,e[15]=1,e}function es(e,t){if(e===t){let n=t[1],r=t[2],i=t[3],a=t[6],o=t[7],s=t[11];e[1]=t[4],e[2]=t[8],e[3]=t[12],e[4]=n,e[6]=t[9],e[7]=t[13],e[8]=r,e[9]=a,e[11]=t[14],e[12]=i,e[13]=o,e[14]=s}else e[0]=t[0],e[1]=t[4],e[2]=t[8],e[3]=t[12],e[4]=t[1],e[5]=t[5],e[6]=t[9],e[7]=t[13],e[8]=t[2],e[9]=t[6],e[10]=t[10],e[11]=t[14],e[12]=t[3],e[13]=t[7],e[14]=t[11],e[15]=t[15];return e}function ts(e,t){let n=t[0],r=t[1],i=t[2],a=t[3],o=t[4],s=t[5],c=t[6],l=t[7],u=t[8],d=t[9],f=t[10],p=t[11],m=t[12],h=t[13],g=t[14],_=t[15],v=n*s-r*o,y=n*c-i*o,b=n*l-a*o,x=r*c-i*s,S=r*l-a*s,C=i*l-a*c,w=u*h-d*m,T=u*g-f*m,E=u*_-p*m,D=d*g-f*h,O=d*_-p*h,ee=f*_-p*g,k=v*ee-y*O+b*D+x*E-S*T+C*w;return k?(k=1/k,e[0]=(s*ee-c*O+l*D)*k,e[1]=(i*O-r*ee-a*D)*k,e[2]=(h*C-g*S+_*x)*k,e[3]=(f*S-d*C-p*x)*k,e[4]=(c*E-o*ee-l*T)*k,e[5]=(n*ee-i*E+a*T)*k,e[6]=(g*b-m*C-_*y)*k,e[7]=(u*C-f*b+p*y)*k,e[8]=(o*O-s*E+l*w)*k,e[9]=(r*E-n*O-a*w)*k,e[10]=(m*S-h*b+_*v)*k,e[11]=(d*b-u*S-p*v)*k,e[12]=(s*T-o*D-c*w)*k,e[13]=(n*D-r*T+i*w)*k,e[14]=(h*y-m*x-g*v)*k,e[15]=(u*x-d*y+f*v)*k,e):null}function ns(e){let t=e[0],n=e[1],r=e[2],i=e[3],a=e[4],o=e[5],s=e[6],c=e[7],l=e[8],u=e[9],d=e[10],f=e[11],p=e[12],m=e[13],h=e[14],g=e[15],_=t*o-n*a,v=t*s-r*a,y=n*s-r*o,b=l*m-u*p,x=l*h-d*p,S=u*h-d*m,C=t*S-n*x+r*b,w=a*S-o*x+s*b,T=l*y-u*v+d*_,E=p*y-m*v+h*_;return c*C-i*w+g*T-f*E}function rs(e,t,n){let r=t[0],i=t[1],a=t[2],o=t[3],s=t[4],c=t[5],l=t[6],u=t[7],d=t[8],f=t[9],p=t[10],m=t[11],h=t[12],g=t[13],_=t[14],v=t[15],y=n[0],b=n[1],x=n[2],S=n[3];return e[0]=y*r+b*s+x*d+S*h,e[1]=y*i+b*c+x*f+S*g,e[2]=y*a+b*l+x*p+S*_,e[3]=y*o+b*u+x*m+S*v,y=n[4],b=n[5],x=n[6],S=n[7],e[4]=y*r+b*s+x*d+S*h,e[5]=y*i+b*c+x*f+S*g,e[6]=y*a+b*l+x*p+S*_,e[7]=y*o+b*u+x*m+S*v,y=n[8],b=n[9],x=n[10],S=n[11],e[8]=y*r+b*s+x*d+S*h,e[9]=y*i+b*c+x*f+S*g,e[10]=y*a+b*l+x*p+S*_,e[11]=y*o+b*u+x*m+S*v,y=n[12],b=n[13],x=n[14],S=n[15],e[12]=y*r+b*s+x*d+S*h,e[13]=y*i+b*c+x*f+S*g,e[14]=y*a+b*l+x*p+S*_,e[15]=y*o+b*u+x*m+S*v,e}function is(e,t,n){let r=n[0],i=n[1],a=n[2],o,s,c,l,u,d,f,p,m,h,g,_;return t===e?(e[12]=t[0]*r+t[4]*i+t[8]*a+t[12],e[13]=t[1]*r+t[5]*i+t[9]*a+t[13],e[14]=t[2]*r+t[6]*i+t[10]*a+t[14],e[15]=t[3]*r+t[7]*i+t[11]*a+t[15]):(o=t[0],s=t[1],c=t[2],l=t[3],u=t[4],d=t[5],f=t[6],p=t[7],m=t[8],h=t[9],g=t[10],_=t[11],e[0]=o,e[1]=s,e[2]=c,e[3]=l,e[4]=u,e[5]=d,e[6]=f,e[7]=p,e[8]=m,e[9]=h,e[10]=g,e[11]=_,e[12]=o*r+u*i+m*a+t[12],e[13]=s*r+d*i+h*a+t[13],e[14]=c*r+f*i+g*a+t[14],e[15]=l*r+p*i+_*a+t[15]),e}function as(e,t,n){let r=n[0],i=n[1],a=n[2];return e[0]=t[0]*r,e[1]=t[1]*r,e[2]=t[2]*r,e[3]=t[3]*r,e[4]=t[4]*i,e[5]=t[5]*i,e[6]=t[6]*i,e[7]=t[7]*i,e[8]=t[8]*a,e[9]=t[9]*a,e[10]=t[10]*a,e[11]=t[11]*a,e[12]=t[12],e[13]=t[13],e[14]=t[14],e[15]=t[15],e}function os(e,t,n,r){let i=r[0],a=r[1],o=r[2],s=Math.sqrt(i*i+a*a+o*o),c,l,u,d,f,p,m,h,g,_,v,y,b,x,S,C,w,T,E,D,O,ee,k,te;return s<1e-6?null:(s=1/s,i*=s,a*=s,o*=s,l=Math.sin(n),c=Math.cos(n),u=1-c,d=t[0],f=t[1],p=t[2],m=t[3],h=t[4],g=t[5],_=t[6],v=t[7],y=t[8],b=t[9],x=t[10],S=t[11],C=i*i*u+c,w=a*i*u+o*l,T=o*i*u-a*l,E=i*a*u-o*l,D=a*a*u+c,O=o*a*u+i*l,ee=i*o*u+a*l,k=a*o*u-i*l,te=o*o*u+c,e[0]=d*C+h*w+y*T,e[1]=f*C+g*w+b*T,e[2]=p*C+_*w+x*T,e[3]=m*C+v*w+S*T,e[4]=d*E+h*D+y*O,e[5]=f*E+g*D+b*O,e[6]=p*E+_*D+x*O,e[7]=m*E+v*D+S*O,e[8]=d*ee+h*k+y*te,e[9]=f*ee+g*k+b*te,e[10]=p*ee+_*k+x*te,e[11]=m*ee+v*k+S*te,t!==e&&(e[12]=t[12],e[13]=t[13],e[14]=t[14],e[15]=t[15]),e)}function ss(e,t,n){let r=Math.sin(n),i=Math.cos(n),a=t[4],o=t[5],s=t[6],c=t[7],l=t[8],u=t[9],d=t[10],f=t[11];return t!==e&&(e[0]=t[0],e[1]=t[1],e[2]=t[2],e[3]=t[3],e[12]=t[12],e[13]=t[13],e[14]=t[14],e[15]=t[15]),e[4]=a*i+l*r,e[5]=o*i+u*r,e[6]=s*i+d*r,e[7]=c*i+f*r,e[8]=l*i-a*r,e[9]=u*i-o*r,e[10]=d*i-s*r,e[11]=f*i-c*r,e}function cs(e,t,n){let r=Math.sin(n),i=Math.cos(n),a=t[0],o=t[1],s=t[2],c=t[3],l=t[8],u=t[9],d=t[10],f=t[11];return t!==e&&(e[4]=t[4],e[5]=t[5],e[6]=t[6],e[7]=t[7],e[12]=t[12],e[13]=t[13],e[14]=t[14],e[15]=t[15]),e[0]=a*i-l*r,e[1]=o*i-u*r,e[2]=s*i-d*r,e[3]=c*i-f*r,e[8]=a*r+l*i,e[9]=o*r+u*i,e[10]=s*r+d*i,e[11]=c*r+f*i,e}function ls(e,t,n){let r=Math.sin(n),i=Math.cos(n),a=t[0],o=t[1],s=t[2],c=t[3],l=t[4],u=t[5],d=t[6],f=t[7];return t!==e&&(e[8]=t[8],e[9]=t[9],e[10]=t[10],e[11]=t[11],e[12]=t[12],e[13]=t[13],e[14]=t[14],e[15]=t[15]),e[0]=a*i+l*r,e[1]=o*i+u*r,e[2]=s*i+d*r,e[3]=c*i+f*r,e[4]=l*i-a*r,e[5]=u*i-o*r,e[6]=d*i-s*r,e[7]=f*i-c*r,e}function us(e,t){let n=t[0],r=t[1],i=t[2],a=t[3],o=n+n,s=r+r,c=i+i,l=n*o,u=r*o,d=r*s,f=i*o,p=i*s,m=i*c,h=a*o,g=a*s,_=a*c;return e[0]=1-d-m,e[1]=u+_,e[2]=f-g,e[3]=0,e[4]=u-_,e[5]=1-l-m,e[6]=p+h,e[7]=0,e[8]=f+g,e[9]=p-h,e[10]=1-l-d,e[11]=0,e[12]=0,e[13]=0,e[14]=0,e[15]=1,e}function ds(e,t,n,r,i,a,o){let s=1/(n-t),c=1/(i-r),l=1/(a-o);return e[0]=a*2*s,e[1]=0,e[2]=0,e[3]=0,e[4]=0,e[5]=a*2*c,e[6]=0,e[7]=0,e[8]=(n+t)*s,e[9]=(i+r)*c,e[10]=(o+a)*l,e[11]=-1,e[12]=0,e[13]=0,e[14]=o*a*2*l,e[15]=0,e}function fs(e,t,n,r,i){let a=1/Math.tan(t/2);if(e[0]=a/n,e[1]=0,e[2]=0,e[3]=0,e[4]=0,e[5]=a,e[6]=0,e[7]=0,e[8]=0,e[9]=0,e[11]=-1,e[12]=0,e[13]=0,e[15]=0,i!=null&&i!==1/0){let t=1/(r-i);e[10]=(i+r)*t,e[14]=2*i*r*t}else e[10]=-1,e[14]=-2*r;return e}var ps=fs;function ms(e,t,n,r,i,a,o){let s=1/(t-n),c=1/(r-i),l=1/(a-o);return e[0]=-2*s,e[1]=0,e[2]=0,e[3]=0,e[4]=0,e[5]=-2*c,e[6]=0,e[7]=0,e[8]=0,e[9]=0,e[10]=2*l,e[11]=0,e[12]=(t+n)*s,e[13]=(i+r)*c,e[14]=(o+a)*l,e[15]=1,e}var hs=ms;function gs(e,t,n,r){let i,a,o,s,c,l,u,d,f,p,m=t[0],h=t[1],g=t[2],_=r[0],v=r[1],y=r[2],b=n[0],x=n[1],S=n[2];return Math.abs(m-b)<1e-6&&Math.abs(h-x)<1e-6&&Math.abs(g-S)<1e-6?$o(e):(d=m-b,f=h-x,p=g-S,i=1/Math.sqrt(d*d+f*f+p*p),d*=i,f*=i,p*=i,a=v*p-y*f,o=y*d-_*p,s=_*f-v*d,i=Math.sqrt(a*a+o*o+s*s),i?(i=1/i,a*=i,o*=i,s*=i):(a=0,o=0,s=0),c=f*s-p*o,l=p*a-d*s,u=d*o-f*a,i=Math.sqrt(c*c+l*l+u*u),i?(i=1/i,c*=i,l*=i,u*=i):(c=0,l=0,u=0),e[0]=a,e[1]=c,e[2]=d,e[3]=0,e[4]=o,e[5]=l,e[6]=f,e[7]=0,e[8]=s,e[9]=u,e[10]=p,e[11]=0,e[12]=-(a*m+o*h+s*g),e[13]=-(c*m+l*h+u*g),e[14]=-(d*m+f*h+p*g),e[15]=1,e)}function _s(){let e=new To(4);return To!=Float32Array&&(e[0]=0,e[1]=0,e[2]=0,e[3]=0),e}function vs(e,t,n){return e[0]=t[0]*n,e[1]=t[1]*n,e[2]=t[2]*n,e[3]=t[3]*n,e}function ys(e,t,n){let r=t[0],i=t[1],a=t[2],o=t[3];return e[0]=n[0]*r+n[4]*i+n[8]*a+n[12]*o,e[1]=n[1]*r+n[5]*i+n[9]*a+n[13]*o,e[2]=n[2]*r+n[6]*i+n[10]*a+n[14]*o,e[3]=n[3]*r+n[7]*i+n[11]*a+n[15]*o,e}(function(){let e=_s();return function(t,n,r,i,a,o){let s,c;for(n||=4,r||=0,c=i?Math.min(i*n+r,t.length):t.length,s=r;s<c;s+=n)e[0]=t[s],e[1]=t[s+1],e[2]=t[s+2],e[3]=t[s+3],a(e,e,o),t[s]=e[0],t[s+1]=e[1],t[s+2]=e[2],t[s+3]=e[3];return t}})();var bs;(function(e){e[e.COL0ROW0=0]=`COL0ROW0`,e[e.COL0ROW1=1]=`COL0ROW1`,e[e.COL0ROW2=2]=`COL0ROW2`,e[e.COL0ROW3=3]=`COL0ROW3`,e[e.COL1ROW0=4]=`COL1ROW0`,e[e.COL1ROW1=5]=`COL1ROW1`,e[e.COL1ROW2=6]=`COL1ROW2`,e[e.COL1ROW3=7]=`COL1ROW3`,e[e.COL2ROW0=8]=`COL2ROW0`,e[e.COL2ROW1=9]=`COL2ROW1`,e[e.COL2ROW2=10]=`COL2ROW2`,e[e.COL2ROW3=11]=`COL2ROW3`,e[e.COL3ROW0=12]=`COL3ROW0`,e[e.COL3ROW1=13]=`COL3ROW1`,e[e.COL3ROW2=14]=`COL3ROW2`,e[e.COL3ROW3=15]=`COL3ROW3`})(bs||={});var xs=45*Math.PI/180,Ss=1,Cs=.1,ws=500,Ts=Object.freeze([1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1]),V=class extends Qo{static get IDENTITY(){return ks()}static get ZERO(){return Os()}get ELEMENTS(){return 16}get RANK(){return 4}get INDICES(){return bs}constructor(e){super(-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0),arguments.length===1&&Array.isArray(e)?this.copy(e):this.identity()}copy(e){return this[0]=e[0],this[1]=e[1],this[2]=e[2],this[3]=e[3],this[4]=e[4],this[5]=e[5],this[6]=e[6],this[7]=e[7],this[8]=e[8],this[9]=e[9],this[10]=e[10],this[11]=e[11],this[12]=e[12],this[13]=e[13],this[14]=e[14],this[15]=e[15],this.check()}set(e,t,n,r,i,a,o,s,c,l,u,d,f,p,m,h){return this[0]=e,this[1]=t,this[2]=n,this[3]=r,this[4]=i,this[5]=a,this[6]=o,this[7]=s,this[8]=c,this[9]=l,this[10]=u,this[11]=d,this[12]=f,this[13]=p,this[14]=m,this[15]=h,this.check()}setRowMajor(e,t,n,r,i,a,o,s,c,l,u,d,f,p,m,h){return this[0]=e,this[1]=i,this[2]=c,this[3]=f,this[4]=t,this[5]=a,this[6]=l,this[7]=p,this[8]=n,this[9]=o,this[10]=u,this[11]=m,this[12]=r,this[13]=s,this[14]=d,this[15]=h,this.check()}toRowMajor(e){return e[0]=this[0],e[1]=this[4],e[2]=this[8],e[3]=this[12],e[4]=this[1],e[5]=this[5],e[6]=this[9],e[7]=this[13],e[8]=this[2],e[9]=this[6],e[10]=this[10],e[11]=this[14],e[12]=this[3],e[13]=this[7],e[14]=this[11],e[15]=this[15],e}identity(){return this.copy(Ts)}fromObject(e){return this.check()}fromQuaternion(e){return us(this,e),this.check()}frustum(e){let{left:t,right:n,bottom:r,top:i,near:a=Cs,far:o=ws}=e;return o===1/0?js(this,t,n,r,i,a):ds(this,t,n,r,i,a,o),this.check()}lookAt(e){let{eye:t,center:n=[0,0,0],up:r=[0,1,0]}=e;return gs(this,t,n,r),this.check()}ortho(e){let{left:t,right:n,bottom:r,top:i,near:a=Cs,far:o=ws}=e;return hs(this,t,n,r,i,a,o),this.check()}orthographic(e){let{fovy:t=xs,aspect:n=Ss,focalDistance:r=1,near:i=Cs,far:a=ws}=e;As(t);let o=t/2,s=r*Math.tan(o),c=s*n;return this.ortho({left:-c,right:c,bottom:-s,top:s,near:i,far:a})}perspective(e){let{fovy:t=45*Math.PI/180,aspect:n=1,near:r=.1,far:i=500}=e;return As(t),ps(this,t,n,r,i),this.check()}determinant(){return ns(this)}getScale(e=[-0,-0,-0]){return e[0]=Math.sqrt(this[0]*this[0]+this[1]*this[1]+this[2]*this[2]),e[1]=Math.sqrt(this[4]*this[4]+this[5]*this[5]+this[6]*this[6]),e[2]=Math.sqrt(this[8]*this[8]+this[9]*this[9]+this[10]*this[10]),e}getTranslation(e=[-0,-0,-0]){return e[0]=this[12],e[1]=this[13],e[2]=this[14],e}getRotation(e,t){e||=[-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0,-0],t||=[-0,-0,-0];let n=this.getScale(t),r=1/n[0],i=1/n[1],a=1/n[2];return e[0]=this[0]*r,e[1]=this[1]*i,e[2]=this[2]*a,e[3]=0,e[4]=this[4]*r,e[5]=this[5]*i,e[6]=this[6]*a,e[7]=0,e[8]=this[8]*r,e[9]=this[9]*i,e[10]=this[10]*a,e[11]=0,e[12]=0,e[13]=0,e[14]=0,e[15]=1,e}getRotationMatrix3(e,t){e||=[-0,-0,-0,-0,-0,-0,-0,-0,-0],t||=[-0,-0,-0];let n=this.getScale(t),r=1/n[0],i=1/n[1],a=1/n[2];return e[0]=this[0]*r,e[1]=this[1]*i,e[2]=this[2]*a,e[3]=this[4]*r,e[4]=this[5]*i,e[5]=this[6]*a,e[6]=this[8]*r,e[7]=this[9]*i,e[8]=this[10]*a,e}transpose(){return es(this,this),this.check()}invert(){return ts(this,this),this.check()}multiplyLeft(e){return rs(this,e,this),this.check()}multiplyRight(e){return rs(this,this,e),this.check()}rotateX(e){return ss(this,this,e),this.check()}rotateY(e){return cs(this,this,e),this.check()}rotateZ(e){return ls(this,this,e),this.check()}rotateXYZ(e){return this.rotateX(e[0]).rotateY(e[1]).rotateZ(e[2])}rotateAxis(e,t){return os(this,this,e,t),this.check()}scale(e){return as(this,this,Array.isArray(e)?e:[e,e,e]),this.check()}translate(e){return is(this,this,e),this.check()}transform(e,t){return e.length===4?(t=ys(t||[-0,-0,-0,-0],e,this),So(t,4),t):this.transformAsPoint(e,t)}transformAsPoint(e,t){let{length:n}=e,r;switch(n){case 2:r=jo(t||[-0,-0],e,this);break;case 3:r=Vo(t||[-0,-0,-0],e,this);break;default:throw Error(`Illegal vector`)}return So(r,e.length),r}transformAsVector(e,t){let n;switch(e.length){case 2:n=No(t||[-0,-0],e,this);break;case 3:n=Po(t||[-0,-0,-0],e,this);break;default:throw Error(`Illegal vector`)}return So(n,e.length),n}transformPoint(e,t){return this.transformAsPoint(e,t)}transformVector(e,t){return this.transformAsPoint(e,t)}transformDirection(e,t){return this.transformAsVector(e,t)}makeRotationX(e){return this.identity().rotateX(e)}makeTranslation(e,t,n){return this.identity().translate([e,t,n])}},Es,Ds;function Os(){return Es||(Es=new V([0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]),Object.freeze(Es)),Es}function ks(){return Ds||(Ds=new V,Object.freeze(Ds)),Ds}function As(e){if(e>Math.PI*2)throw Error(`expected radians`)}function js(e,t,n,r,i,a){let o=2*a/(n-t),s=2*a/(i-r),c=(n+t)/(n-t),l=(i+r)/(i-r),u=-2*a;return e[0]=o,e[1]=0,e[2]=0,e[3]=0,e[4]=0,e[5]=s,e[6]=0,e[7]=0,e[8]=c,e[9]=l,e[10]=-1,e[11]=-1,e[12]=0,e[13]=0,e[14]=u,e[15]=0,e}function Ms(e,t=[],n=0){let r=Math.fround(e),i=e-r;return t[n]=r,t[n+1]=i,t}function Ns(e){return e-Math.fround(e)}function Ps(e){let t=new Float32Array(32);for(let n=0;n<4;++n)for(let r=0;r<4;++r){let i=n*4+r;Ms(e[r*4+n],t,i*2)}return t}function Fs(e,t=!0){return e??t}function Is(e=[0,0,0],t=!0){return t?e.map(e=>e/255):[...e]}function Ls(e,t=!0){let n=Is(e.slice(0,3),t),r=Number.isFinite(e[3]),i=r?e[3]:1;return[n[0],n[1],n[2],t&&r?i/255:i]}var Rs=`
layout(std140) uniform fp64arithmeticUniforms {
  uniform float ONE;
  uniform float SPLIT;
} fp64;

/*
About LUMA_FP64_CODE_ELIMINATION_WORKAROUND

The purpose of this workaround is to prevent shader compilers from
optimizing away necessary arithmetic operations by swapping their sequences
or transform the equation to some 'equivalent' form.

These helpers implement Dekker/Veltkamp-style error tracking. If the compiler
folds constants or reassociates the arithmetic, the high/low split can stop
tracking the rounding error correctly. That failure mode tends to look fine in
simple coordinate setup, but then breaks down inside iterative arithmetic such
as fp64 Mandelbrot loops.

The method is to multiply an artifical variable, ONE, which will be known to
the compiler to be 1 only at runtime. The whole expression is then represented
as a polynomial with respective to ONE. In the coefficients of all terms, only one a
and one b should appear

err = (a + b) * ONE^6 - a * ONE^5 - (a + b) * ONE^4 + a * ONE^3 - b - (a + b) * ONE^2 + a * ONE
*/

float prevent_fp64_optimization(float value) {
#if defined(LUMA_FP64_CODE_ELIMINATION_WORKAROUND)
  return value + fp64.ONE * 0.0;
#else
  return value;
#endif
}

// Divide float number to high and low floats to extend fraction bits
vec2 split(float a) {
  // Keep SPLIT as a runtime uniform so the compiler cannot fold the Dekker
  // split into a constant expression and reassociate the recovery steps.
  float split = prevent_fp64_optimization(fp64.SPLIT);
  float t = prevent_fp64_optimization(a * split);
  float temp = t - a;
  float a_hi = t - temp;
  float a_lo = a - a_hi;
  return vec2(a_hi, a_lo);
}

// Divide float number again when high float uses too many fraction bits
vec2 split2(vec2 a) {
  vec2 b = split(a.x);
  b.y += a.y;
  return b;
}

// Special sum operation when a > b
vec2 quickTwoSum(float a, float b) {
#if defined(LUMA_FP64_CODE_ELIMINATION_WORKAROUND)
  float sum = (a + b) * fp64.ONE;
  float err = b - (sum - a) * fp64.ONE;
#else
  float sum = a + b;
  float err = b - (sum - a);
#endif
  return vec2(sum, err);
}

// General sum operation
vec2 twoSum(float a, float b) {
  float s = (a + b);
#if defined(LUMA_FP64_CODE_ELIMINATION_WORKAROUND)
  float v = (s * fp64.ONE - a) * fp64.ONE;
  float err = (a - (s - v) * fp64.ONE) * fp64.ONE * fp64.ONE * fp64.ONE + (b - v);
#else
  float v = s - a;
  float err = (a - (s - v)) + (b - v);
#endif
  return vec2(s, err);
}

vec2 twoSub(float a, float b) {
  float s = (a - b);
#if defined(LUMA_FP64_CODE_ELIMINATION_WORKAROUND)
  float v = (s * fp64.ONE - a) * fp64.ONE;
  float err = (a - (s - v) * fp64.ONE) * fp64.ONE * fp64.ONE * fp64.ONE - (b + v);
#else
  float v = s - a;
  float err = (a - (s - v)) - (b + v);
#endif
  return vec2(s, err);
}

vec2 twoSqr(float a) {
  float prod = a * a;
  vec2 a_fp64 = split(a);
#if defined(LUMA_FP64_CODE_ELIMINATION_WORKAROUND)
  float err = ((a_fp64.x * a_fp64.x - prod) * fp64.ONE + 2.0 * a_fp64.x *
    a_fp64.y * fp64.ONE * fp64.ONE) + a_fp64.y * a_fp64.y * fp64.ONE * fp64.ONE * fp64.ONE;
#else
  float err = ((a_fp64.x * a_fp64.x - prod) + 2.0 * a_fp64.x * a_fp64.y) + a_fp64.y * a_fp64.y;
#endif
  return vec2(prod, err);
}

vec2 twoProd(float a, float b) {
  float prod = a * b;
  vec2 a_fp64 = split(a);
  vec2 b_fp64 = split(b);
  // twoProd is especially sensitive because mul_fp64 and div_fp64 both depend
  // on the split terms and cross terms staying in the original evaluation
  // order. If the compiler folds or reassociates them, the low part tends to
  // collapse to zero or NaN on some drivers.
  float highProduct = prevent_fp64_optimization(a_fp64.x * b_fp64.x);
  float crossProduct1 = prevent_fp64_optimization(a_fp64.x * b_fp64.y);
  float crossProduct2 = prevent_fp64_optimization(a_fp64.y * b_fp64.x);
  float lowProduct = prevent_fp64_optimization(a_fp64.y * b_fp64.y);
#if defined(LUMA_FP64_CODE_ELIMINATION_WORKAROUND)
  float err1 = (highProduct - prod) * fp64.ONE;
  float err2 = crossProduct1 * fp64.ONE * fp64.ONE;
  float err3 = crossProduct2 * fp64.ONE * fp64.ONE * fp64.ONE;
  float err4 = lowProduct * fp64.ONE * fp64.ONE * fp64.ONE * fp64.ONE;
#else
  float err1 = highProduct - prod;
  float err2 = crossProduct1;
  float err3 = crossProduct2;
  float err4 = lowProduct;
#endif
  float err = ((err1 + err2) + err3) + err4;
  return vec2(prod, err);
}

vec2 sum_fp64(vec2 a, vec2 b) {
  vec2 s, t;
  s = twoSum(a.x, b.x);
  t = twoSum(a.y, b.y);
  s.y += t.x;
  s = quickTwoSum(s.x, s.y);
  s.y += t.y;
  s = quickTwoSum(s.x, s.y);
  return s;
}

vec2 sub_fp64(vec2 a, vec2 b) {
  vec2 s, t;
  s = twoSub(a.x, b.x);
  t = twoSub(a.y, b.y);
  s.y += t.x;
  s = quickTwoSum(s.x, s.y);
  s.y += t.y;
  s = quickTwoSum(s.x, s.y);
  return s;
}

vec2 mul_fp64(vec2 a, vec2 b) {
  vec2 prod = twoProd(a.x, b.x);
  // y component is for the error
  prod.y += a.x * b.y;
#if defined(LUMA_FP64_HIGH_BITS_OVERFLOW_WORKAROUND)
  prod = split2(prod);
#endif
  prod = quickTwoSum(prod.x, prod.y);
  prod.y += a.y * b.x;
#if defined(LUMA_FP64_HIGH_BITS_OVERFLOW_WORKAROUND)
  prod = split2(prod);
#endif
  prod = quickTwoSum(prod.x, prod.y);
  return prod;
}

vec2 div_fp64(vec2 a, vec2 b) {
  float xn = 1.0 / b.x;
#if defined(LUMA_FP64_HIGH_BITS_OVERFLOW_WORKAROUND)
  vec2 yn = mul_fp64(a, vec2(xn, 0));
#else
  vec2 yn = a * xn;
#endif
  float diff = (sub_fp64(a, mul_fp64(b, yn))).x;
  vec2 prod = twoProd(xn, diff);
  return sum_fp64(yn, prod);
}

vec2 sqrt_fp64(vec2 a) {
  if (a.x == 0.0 && a.y == 0.0) return vec2(0.0, 0.0);
  if (a.x < 0.0) return vec2(0.0 / 0.0, 0.0 / 0.0);

  float x = 1.0 / sqrt(a.x);
  float yn = a.x * x;
#if defined(LUMA_FP64_CODE_ELIMINATION_WORKAROUND)
  vec2 yn_sqr = twoSqr(yn) * fp64.ONE;
#else
  vec2 yn_sqr = twoSqr(yn);
#endif
  float diff = sub_fp64(a, yn_sqr).x;
  vec2 prod = twoProd(x * 0.5, diff);
#if defined(LUMA_FP64_HIGH_BITS_OVERFLOW_WORKAROUND)
  return sum_fp64(split(yn), prod);
#else
  return sum_fp64(vec2(yn, 0.0), prod);
#endif
}
`,zs={name:`fp64arithmetic`,source:`struct Fp64ArithmeticUniforms {
  ONE: f32,
  SPLIT: f32,
};

@group(0) @binding(auto) var<uniform> fp64arithmetic : Fp64ArithmeticUniforms;

#ifndef LUMA_FP64_F32_INPUT_ONLY
struct Fp64Bits {
  sign: u32,
  exponent: i32,
  significand: vec2u,
  isZero: bool,
  isInf: bool,
  isNan: bool,
};
#endif

#ifndef LUMA_FP64_PREDICATE_ONLY
fn fp64_nan(seed: f32) -> f32 {
  let nanBits = 0x7fc00000u | select(0u, 1u, seed < 0.0);
  return bitcast<f32>(nanBits);
}
#endif

fn fp64_u64_is_zero(value: vec2u) -> bool {
  return value.x == 0u && value.y == 0u;
}

fn fp64_u64_compare(a: vec2u, b: vec2u) -> i32 {
  if (a.x != b.x) {
    return select(-1, 1, a.x > b.x);
  }
  if (a.y != b.y) {
    return select(-1, 1, a.y > b.y);
  }
  return 0;
}

fn fp64_u64_add(a: vec2u, b: vec2u) -> vec2u {
  let low = a.y + b.y;
  let carry = select(0u, 1u, low < a.y);
  return vec2u(a.x + b.x + carry, low);
}

fn fp64_u64_sub(a: vec2u, b: vec2u) -> vec2u {
  let borrow = select(0u, 1u, a.y < b.y);
  return vec2u(a.x - b.x - borrow, a.y - b.y);
}

fn fp64_u64_shift_left(value: vec2u, shift: u32) -> vec2u {
  if (shift == 0u) {
    return value;
  }
  if (shift < 32u) {
    return vec2u((value.x << shift) | (value.y >> (32u - shift)), value.y << shift);
  }
  if (shift == 32u) {
    return vec2u(value.y, 0u);
  }
  if (shift < 64u) {
    return vec2u(value.y << (shift - 32u), 0u);
  }
  return vec2u(0u);
}

fn fp64_u64_shift_right(value: vec2u, shift: u32) -> vec2u {
  if (shift == 0u) {
    return value;
  }
  if (shift < 32u) {
    return vec2u(value.x >> shift, (value.y >> shift) | (value.x << (32u - shift)));
  }
  if (shift == 32u) {
    return vec2u(0u, value.x);
  }
  if (shift < 64u) {
    return vec2u(0u, value.x >> (shift - 32u));
  }
  return vec2u(0u);
}

fn fp64_u64_get_bit(value: vec2u, bitIndex: u32) -> bool {
  if (bitIndex >= 64u) {
    return false;
  }
  if (bitIndex >= 32u) {
    return ((value.x >> (bitIndex - 32u)) & 1u) != 0u;
  }
  return ((value.y >> bitIndex) & 1u) != 0u;
}

fn fp64_u64_has_bits_below(value: vec2u, bitCount: u32) -> bool {
  if (bitCount == 0u) {
    return false;
  }
  if (bitCount >= 64u) {
    return !fp64_u64_is_zero(value);
  }
  if (bitCount > 32u) {
    let highBitCount = bitCount - 32u;
    let highMask = (1u << highBitCount) - 1u;
    return value.y != 0u || (value.x & highMask) != 0u;
  }
  if (bitCount == 32u) {
    return value.y != 0u;
  }
  let lowMask = (1u << bitCount) - 1u;
  return (value.y & lowMask) != 0u;
}

#ifndef LUMA_FP64_F32_INPUT_ONLY
fn fp64_u64_shift_right_sticky(value: vec2u, shift: u32) -> vec2u {
  var shifted = fp64_u64_shift_right(value, shift);
  if (fp64_u64_has_bits_below(value, shift)) {
    shifted.y = shifted.y | 1u;
  }
  return shifted;
}
#endif

fn fp64_u64_count_leading_zeros(value: vec2u) -> u32 {
  if (value.x != 0u) {
    return countLeadingZeros(value.x);
  }
  return 32u + countLeadingZeros(value.y);
}

fn fp64_round_shift_right_to_u32(value: vec2u, shift: u32) -> u32 {
  if (shift == 0u) {
    return value.y;
  }

  let truncated = fp64_u64_shift_right(value, shift);
  var rounded = truncated.y;
  let guard = fp64_u64_get_bit(value, shift - 1u);
  let hasTrailingBits = fp64_u64_has_bits_below(value, shift - 1u);
  if (guard && (hasTrailingBits || (rounded & 1u) == 1u)) {
    rounded = rounded + 1u;
  }
  return rounded;
}

#ifndef LUMA_FP64_F32_INPUT_ONLY
fn fp64_round_shift_right(value: vec2u, shift: u32) -> vec2u {
  if (shift == 0u) {
    return value;
  }

  var rounded = fp64_u64_shift_right(value, shift);
  let guard = fp64_u64_get_bit(value, shift - 1u);
  let hasTrailingBits = fp64_u64_has_bits_below(value, shift - 1u);
  if (guard && (hasTrailingBits || (rounded.y & 1u) == 1u)) {
    rounded = fp64_u64_add(rounded, vec2u(0u, 1u));
  }
  return rounded;
}
#endif

fn fp64_make_f32_bits_from_u64(sign: u32, significand: vec2u, baseExponent: i32) -> u32 {
  if (fp64_u64_is_zero(significand)) {
    return sign << 31u;
  }

  let leadingZeros = fp64_u64_count_leading_zeros(significand);
  let mostSignificantBit = 63u - leadingZeros;
  var exponent = baseExponent + i32(mostSignificantBit);

  if (exponent > 127) {
    return (sign << 31u) | 0x7f800000u;
  }

  if (exponent >= -126) {
    let shift = i32(mostSignificantBit) - 23;
    var significand24: u32;
    if (shift > 0) {
      significand24 = fp64_round_shift_right_to_u32(significand, u32(shift));
    } else {
      significand24 = fp64_u64_shift_left(significand, u32(-shift)).y;
    }

    if (significand24 >= 0x1000000u) {
      significand24 = significand24 >> 1u;
      exponent = exponent + 1;
      if (exponent > 127) {
        return (sign << 31u) | 0x7f800000u;
      }
    }

    return (sign << 31u) | (u32(exponent + 127) << 23u) | (significand24 & 0x7fffffu);
  }

  let scaleExponent = baseExponent + 149;
  var mantissa: u32;
  if (scaleExponent >= 0) {
    mantissa = fp64_u64_shift_left(significand, u32(scaleExponent)).y;
  } else {
    mantissa = fp64_round_shift_right_to_u32(significand, u32(-scaleExponent));
  }

  if (mantissa >= 0x800000u) {
    return (sign << 31u) | 0x00800000u;
  }
  return (sign << 31u) | mantissa;
}

#ifndef LUMA_FP64_F32_INPUT_ONLY
fn fp64_decode_bits(bits: vec2u) -> Fp64Bits {
  let sign = bits.x >> 31u;
  let exponentBits = (bits.x >> 20u) & 0x7ffu;
  let fractionHigh = bits.x & 0xfffffu;
  let fractionLow = bits.y;
  let fraction = vec2u(fractionHigh, fractionLow);

  if (exponentBits == 0x7ffu) {
    let isInf = fp64_u64_is_zero(fraction);
    return Fp64Bits(sign, 0, vec2u(0u), false, isInf, !isInf);
  }

  if (exponentBits == 0u) {
    let isZero = fp64_u64_is_zero(fraction);
    return Fp64Bits(sign, -1022, fraction, isZero, false, false);
  }

  return Fp64Bits(sign, i32(exponentBits) - 1023, vec2u((1u << 20u) | fractionHigh, fractionLow), false, false, false);
}

fn fp64_finite_magnitude_compare(a: Fp64Bits, b: Fp64Bits) -> i32 {
  if (a.exponent != b.exponent) {
    return select(-1, 1, a.exponent > b.exponent);
  }
  return fp64_u64_compare(a.significand, b.significand);
}
#endif

#ifndef LUMA_FP64_F32_INPUT_ONLY
struct Fp64RawF32Bits {
  sign: u32,
  baseExponent: i32,
  significand: u32,
  isZero: bool,
  isInf: bool,
  isNan: bool,
};

// Decode an f32 as (-1)^sign * significand * 2^baseExponent. This shared
// integer representation lets normalization remain independent of the
// selected double-single arithmetic implementation.
fn fp64_decode_raw_f32_bits(bits: u32) -> Fp64RawF32Bits {
  let sign = bits >> 31u;
  let exponentBits = (bits >> 23u) & 0xffu;
  let fraction = bits & 0x7fffffu;

  if (exponentBits == 0xffu) {
    return Fp64RawF32Bits(sign, 0, 0u, false, fraction == 0u, fraction != 0u);
  }
  if (exponentBits == 0u) {
    return Fp64RawF32Bits(sign, -149, fraction, fraction == 0u, false, false);
  }
  return Fp64RawF32Bits(
    sign,
    i32(exponentBits) - 150,
    0x800000u | fraction,
    false,
    false,
    false
  );
}

fn fp64_raw_f32_magnitude_compare(aBits: u32, bBits: u32) -> i32 {
  let aMagnitude = aBits & 0x7fffffffu;
  let bMagnitude = bBits & 0x7fffffffu;
  if (aMagnitude == bMagnitude) {
    return 0;
  }
  return select(-1, 1, aMagnitude > bMagnitude);
}

fn fp64_make_raw_residual_f32_bits(
  exactSign: u32,
  exactMagnitude: vec2u,
  exactBaseExponent: i32,
  highBits: u32
) -> u32 {
  if (fp64_u64_is_zero(exactMagnitude)) {
    return 0u;
  }

  let high = fp64_decode_raw_f32_bits(highBits);
  if (high.isInf || high.isNan) {
    return 0u;
  }
  if (high.isZero) {
    return fp64_make_f32_bits_from_u64(exactSign, exactMagnitude, exactBaseExponent);
  }

  let commonBaseExponent = min(exactBaseExponent, high.baseExponent);
  let exactShift = exactBaseExponent - commonBaseExponent;
  let highShift = high.baseExponent - commonBaseExponent;
  if (exactShift >= 64 || highShift >= 64) {
    return 0u;
  }

  let exactAligned = fp64_u64_shift_left(exactMagnitude, u32(exactShift));
  let highAligned = fp64_u64_shift_left(vec2u(0u, high.significand), u32(highShift));
  let comparison = fp64_u64_compare(exactAligned, highAligned);
  if (comparison == 0) {
    return 0u;
  }

  var residualSign = exactSign;
  var residualMagnitude: vec2u;
  if (comparison > 0) {
    residualMagnitude = fp64_u64_sub(exactAligned, highAligned);
  } else {
    residualSign = exactSign ^ 1u;
    residualMagnitude = fp64_u64_sub(highAligned, exactAligned);
  }
  return fp64_make_f32_bits_from_u64(
    residualSign,
    residualMagnitude,
    commonBaseExponent
  );
}

fn fp64_split_raw_accumulator_bits(
  sign: u32,
  magnitude: vec2u,
  baseExponent: i32
) -> vec2u {
  if (fp64_u64_is_zero(magnitude)) {
    return vec2u(0u);
  }
  let highBits = fp64_make_f32_bits_from_u64(sign, magnitude, baseExponent);
  let rawLowBits = fp64_make_raw_residual_f32_bits(sign, magnitude, baseExponent, highBits);
  let lowBits = select(rawLowBits, 0u, (rawLowBits & 0x7fffffffu) == 0u);
  if ((highBits & 0x7fffffffu) == 0u && (lowBits & 0x7fffffffu) == 0u) {
    return vec2u(0u);
  }
  return vec2u(highBits, lowBits);
}
#endif

#ifndef LUMA_FP64_F32_INPUT_ONLY
// Round an arithmetic accumulator to binary64 before splitting it. The
// aligned add/subtract paths retain three guard bits plus a sticky bit, which
// is sufficient for round-to-nearest-even at the binary64 boundary.
fn fp64_split_binary64_accumulator_bits(
  sign: u32,
  magnitude: vec2u,
  baseExponent: i32
) -> vec2u {
  if (fp64_u64_is_zero(magnitude)) {
    return vec2u(0u);
  }

  let mostSignificantBit = 63u - fp64_u64_count_leading_zeros(magnitude);
  let exponent = baseExponent + i32(mostSignificantBit);
  if (exponent > 1023) {
    return vec2u((sign << 31u) | 0x7f800000u, 0u);
  }

  var roundedMagnitude = magnitude;
  var roundedBaseExponent = baseExponent;
  if (exponent >= -1022) {
    if (mostSignificantBit > 52u) {
      let shift = mostSignificantBit - 52u;
      roundedMagnitude = fp64_round_shift_right(magnitude, shift);
      roundedBaseExponent = baseExponent + i32(shift);
    }
  } else {
    let shift = -1074 - baseExponent;
    if (shift > 0) {
      roundedMagnitude = fp64_round_shift_right(magnitude, u32(shift));
      roundedBaseExponent = -1074;
    }
  }

  if (fp64_u64_is_zero(roundedMagnitude)) {
    return vec2u(0u);
  }
  return fp64_split_raw_accumulator_bits(sign, roundedMagnitude, roundedBaseExponent);
}
#endif

#ifndef LUMA_FP64_PREDICATE_ONLY
fn fp64_add_raw_f32_bits(aBits: u32, bBits: u32) -> vec2u {
  let a = fp64_decode_raw_f32_bits(aBits);
  let b = fp64_decode_raw_f32_bits(bBits);

  if (a.isNan || b.isNan) {
    return vec2u(0x7fc00000u, 0u);
  }
  if (a.isInf || b.isInf) {
    if (a.isInf && b.isInf && a.sign != b.sign) {
      return vec2u(0x7fc00000u, 0u);
    }
    return select(vec2u(bBits, 0u), vec2u(aBits, 0u), a.isInf);
  }
  if (a.isZero && b.isZero) {
    return vec2u(0u);
  }
  if (a.isZero) {
    return vec2u(bBits, 0u);
  }
  if (b.isZero) {
    return vec2u(aBits, 0u);
  }

  let exponentDifference = abs(a.baseExponent - b.baseExponent);
  if (exponentDifference > 25) {
    if (fp64_raw_f32_magnitude_compare(aBits, bBits) >= 0) {
      return vec2u(aBits, bBits);
    }
    return vec2u(bBits, aBits);
  }

  let commonBaseExponent = min(a.baseExponent, b.baseExponent);
  let aMagnitude = fp64_u64_shift_left(
    vec2u(0u, a.significand),
    u32(a.baseExponent - commonBaseExponent)
  );
  let bMagnitude = fp64_u64_shift_left(
    vec2u(0u, b.significand),
    u32(b.baseExponent - commonBaseExponent)
  );

  var resultSign = a.sign;
  var resultMagnitude: vec2u;
  if (a.sign == b.sign) {
    resultMagnitude = fp64_u64_add(aMagnitude, bMagnitude);
  } else {
    let comparison = fp64_u64_compare(aMagnitude, bMagnitude);
    if (comparison == 0) {
      return vec2u(0u);
    }
    if (comparison > 0) {
      resultMagnitude = fp64_u64_sub(aMagnitude, bMagnitude);
    } else {
      resultSign = b.sign;
      resultMagnitude = fp64_u64_sub(bMagnitude, aMagnitude);
    }
  }

  return fp64_split_raw_accumulator_bits(
    resultSign,
    resultMagnitude,
    commonBaseExponent
  );
}
#endif

#ifndef LUMA_FP64_F32_INPUT_ONLY
fn fp64_add_aligned_magnitudes_to_fp64_bits(
  sign: u32,
  larger: Fp64Bits,
  smaller: Fp64Bits
) -> vec2u {
  let largeSignificand = fp64_u64_shift_left(larger.significand, 3u);
  let smallSignificand = fp64_u64_shift_right_sticky(
    fp64_u64_shift_left(smaller.significand, 3u),
    u32(larger.exponent - smaller.exponent)
  );
  let resultSignificand = fp64_u64_add(largeSignificand, smallSignificand);
  return fp64_split_binary64_accumulator_bits(
    sign,
    resultSignificand,
    larger.exponent - 55
  );
}

fn fp64_sub_aligned_magnitudes_to_fp64_bits(
  sign: u32,
  larger: Fp64Bits,
  smaller: Fp64Bits
) -> vec2u {
  let largeSignificand = fp64_u64_shift_left(larger.significand, 3u);
  let smallSignificand = fp64_u64_shift_right_sticky(
    fp64_u64_shift_left(smaller.significand, 3u),
    u32(larger.exponent - smaller.exponent)
  );
  let resultSignificand = fp64_u64_sub(largeSignificand, smallSignificand);
  return fp64_split_binary64_accumulator_bits(
    sign,
    resultSignificand,
    larger.exponent - 55
  );
}

fn fp64_add_aligned_magnitudes_to_f32_bits(sign: u32, larger: Fp64Bits, smaller: Fp64Bits) -> u32 {
  let largeSignificand = fp64_u64_shift_left(larger.significand, 3u);
  let smallSignificand = fp64_u64_shift_right_sticky(
    fp64_u64_shift_left(smaller.significand, 3u),
    u32(larger.exponent - smaller.exponent)
  );
  let resultSignificand = fp64_u64_add(largeSignificand, smallSignificand);
  return fp64_make_f32_bits_from_u64(sign, resultSignificand, larger.exponent - 55);
}

fn fp64_sub_aligned_magnitudes_to_f32_bits(sign: u32, larger: Fp64Bits, smaller: Fp64Bits) -> u32 {
  let largeSignificand = fp64_u64_shift_left(larger.significand, 3u);
  let smallSignificand = fp64_u64_shift_right_sticky(
    fp64_u64_shift_left(smaller.significand, 3u),
    u32(larger.exponent - smaller.exponent)
  );
  let resultSignificand = fp64_u64_sub(largeSignificand, smallSignificand);
  return fp64_make_f32_bits_from_u64(sign, resultSignificand, larger.exponent - 55);
}

// Subtract two raw binary64 values and round the exact result once to f32.
// The input words are canonical high/low words: .x contains sign/exponent/high
// fraction bits, and .y contains the low 32 fraction bits.
fn sub_fp64u32_to_f32_bits(aBits: vec2u, bBits: vec2u) -> u32 {
  let a = fp64_decode_bits(aBits);
  let b = fp64_decode_bits(bBits);
  let bSubtractionSign = b.sign ^ 1u;

  if (a.isNan || b.isNan) {
    return 0x7fc00000u;
  }
  if (a.isInf && b.isInf) {
    if (a.sign == bSubtractionSign) {
      return (a.sign << 31u) | 0x7f800000u;
    }
    return 0x7fc00000u;
  }
  if (a.isInf) {
    return (a.sign << 31u) | 0x7f800000u;
  }
  if (b.isInf) {
    return (bSubtractionSign << 31u) | 0x7f800000u;
  }
  if (a.isZero && b.isZero) {
    return select(0u, 0x80000000u, a.sign == 1u && b.sign == 0u);
  }

  let magnitudeComparison = fp64_finite_magnitude_compare(a, b);
  if (a.sign == bSubtractionSign) {
    if (magnitudeComparison >= 0) {
      return fp64_add_aligned_magnitudes_to_f32_bits(a.sign, a, b);
    }
    return fp64_add_aligned_magnitudes_to_f32_bits(a.sign, b, a);
  }

  if (magnitudeComparison == 0) {
    return 0u;
  }
  if (magnitudeComparison > 0) {
    return fp64_sub_aligned_magnitudes_to_f32_bits(a.sign, a, b);
  }
  return fp64_sub_aligned_magnitudes_to_f32_bits(bSubtractionSign, b, a);
}

fn sub_fp64u32_to_f32(aBits: vec2u, bBits: vec2u) -> f32 {
  return bitcast<f32>(sub_fp64u32_to_f32_bits(aBits, bBits));
}

// Subtract two raw binary64 values, round once to binary64, then split the
// result into normalized f32 limbs. Finite results must fit within the f32
// exponent range; larger magnitudes map to infinity and smaller magnitudes
// map to zero. The input words use canonical high/low word order.
fn sub_fp64u32_to_fp64_bits(aBits: vec2u, bBits: vec2u) -> vec2u {
  let a = fp64_decode_bits(aBits);
  let b = fp64_decode_bits(bBits);
  let bSubtractionSign = b.sign ^ 1u;

  if (a.isNan || b.isNan) {
    return vec2u(0x7fc00000u, 0u);
  }
  if (a.isInf && b.isInf) {
    if (a.sign == bSubtractionSign) {
      return vec2u((a.sign << 31u) | 0x7f800000u, 0u);
    }
    return vec2u(0x7fc00000u, 0u);
  }
  if (a.isInf) {
    return vec2u((a.sign << 31u) | 0x7f800000u, 0u);
  }
  if (b.isInf) {
    return vec2u((bSubtractionSign << 31u) | 0x7f800000u, 0u);
  }
  if (a.isZero && b.isZero) {
    return vec2u(0u);
  }

  let magnitudeComparison = fp64_finite_magnitude_compare(a, b);
  if (a.sign == bSubtractionSign) {
    if (magnitudeComparison >= 0) {
      return fp64_add_aligned_magnitudes_to_fp64_bits(a.sign, a, b);
    }
    return fp64_add_aligned_magnitudes_to_fp64_bits(a.sign, b, a);
  }

  if (magnitudeComparison == 0) {
    return vec2u(0u);
  }
  if (magnitudeComparison > 0) {
    return fp64_sub_aligned_magnitudes_to_fp64_bits(a.sign, a, b);
  }
  return fp64_sub_aligned_magnitudes_to_fp64_bits(bSubtractionSign, b, a);
}

fn sub_fp64u32_to_fp64(aBits: vec2u, bBits: vec2u) -> vec2f {
  let resultBits = sub_fp64u32_to_fp64_bits(aBits, bBits);
  return vec2f(bitcast<f32>(resultBits.x), bitcast<f32>(resultBits.y));
}
#endif

#ifndef LUMA_FP64_PREDICATE_ONLY
fn fp64_runtime_zero() -> f32 {
  return fp64arithmetic.ONE * 0.0;
}

fn prevent_fp64_optimization(value: f32) -> f32 {
#ifdef LUMA_FP64_CODE_ELIMINATION_WORKAROUND
  return value + fp64_runtime_zero();
#else
  return value;
#endif
}
#endif

#ifdef LUMA_FP64_INTEGER_ARITHMETIC
struct Fp64F32Bits {
  sign: u32,
  baseExponent: i32,
  significand: u32,
  isZero: bool,
  isInf: bool,
  isNan: bool,
};

// Decode an f32 as (-1)^sign * significand * 2^baseExponent.
fn fp64_decode_f32_bits(bits: u32) -> Fp64F32Bits {
  let sign = bits >> 31u;
  let exponentBits = (bits >> 23u) & 0xffu;
  let fraction = bits & 0x7fffffu;

  if (exponentBits == 0xffu) {
    return Fp64F32Bits(sign, 0, 0u, false, fraction == 0u, fraction != 0u);
  }
  if (exponentBits == 0u) {
    return Fp64F32Bits(sign, -149, fraction, fraction == 0u, false, false);
  }
  return Fp64F32Bits(sign, i32(exponentBits) - 150, 0x800000u | fraction, false, false, false);
}

fn fp64_f32_magnitude_compare(aBits: u32, bBits: u32) -> i32 {
  let aMagnitude = aBits & 0x7fffffffu;
  let bMagnitude = bBits & 0x7fffffffu;
  if (aMagnitude == bMagnitude) {
    return 0;
  }
  return select(-1, 1, aMagnitude > bMagnitude);
}

fn fp64_make_residual_f32_bits(
  exactSign: u32,
  exactMagnitude: vec2u,
  exactBaseExponent: i32,
  highBits: u32
) -> u32 {
  if (fp64_u64_is_zero(exactMagnitude)) {
    return 0u;
  }

  let high = fp64_decode_f32_bits(highBits);
  if (high.isInf || high.isNan) {
    return exactSign << 31u;
  }
  if (high.isZero) {
    return fp64_make_f32_bits_from_u64(exactSign, exactMagnitude, exactBaseExponent);
  }

  let commonBaseExponent = min(exactBaseExponent, high.baseExponent);
  let exactShift = exactBaseExponent - commonBaseExponent;
  let highShift = high.baseExponent - commonBaseExponent;

  // A normal two-sum/two-product residual never needs a shift this large.
  // This guard gives deterministic underflow behavior outside that contract.
  if (exactShift >= 64 || highShift >= 64) {
    return exactSign << 31u;
  }

  let exactAligned = fp64_u64_shift_left(exactMagnitude, u32(exactShift));
  let highAligned = fp64_u64_shift_left(vec2u(0u, high.significand), u32(highShift));
  let comparison = fp64_u64_compare(exactAligned, highAligned);
  if (comparison == 0) {
    return 0u;
  }

  var residualSign = exactSign;
  var residualMagnitude: vec2u;
  if (comparison > 0) {
    residualMagnitude = fp64_u64_sub(exactAligned, highAligned);
  } else {
    residualSign = exactSign ^ 1u;
    residualMagnitude = fp64_u64_sub(highAligned, exactAligned);
  }
  return fp64_make_f32_bits_from_u64(
    residualSign,
    residualMagnitude,
    commonBaseExponent
  );
}

fn fp64_split_accumulator_bits(
  sign: u32,
  magnitude: vec2u,
  baseExponent: i32
) -> vec2u {
  let highBits = fp64_make_f32_bits_from_u64(sign, magnitude, baseExponent);
  let lowBits = fp64_make_residual_f32_bits(sign, magnitude, baseExponent, highBits);
  return vec2u(highBits, lowBits);
}

fn fp64_two_sum_integer_bits(aBits: u32, bBits: u32) -> vec2u {
  let a = fp64_decode_f32_bits(aBits);
  let b = fp64_decode_f32_bits(bBits);

  if (a.isNan || b.isNan) {
    return vec2u(0x7fc00000u, 0u);
  }
  if (a.isInf || b.isInf) {
    if (a.isInf && b.isInf && a.sign != b.sign) {
      return vec2u(0x7fc00000u, 0u);
    }
    return select(vec2u(bBits, 0u), vec2u(aBits, 0u), a.isInf);
  }
  if (a.isZero && b.isZero) {
    return vec2u((a.sign & b.sign) << 31u, 0u);
  }
  if (a.isZero) {
    return vec2u(bBits, 0u);
  }
  if (b.isZero) {
    return vec2u(aBits, 0u);
  }

  let exponentDifference = select(
    b.baseExponent - a.baseExponent,
    a.baseExponent - b.baseExponent,
    a.baseExponent >= b.baseExponent
  );

  // Beyond half an ulp, rounding cannot change the larger operand. Returning
  // the smaller operand intact also avoids an unbounded integer alignment.
  // At a power-of-two boundary the spacing below the larger operand is half
  // the spacing above it, so an opposite-sign gap-25 operand can still change
  // the rounded high limb. Gap 26 is the first universally safe early-out.
  if (exponentDifference > 25) {
    if (fp64_f32_magnitude_compare(aBits, bBits) >= 0) {
      return vec2u(aBits, bBits);
    }
    return vec2u(bBits, aBits);
  }

  let commonBaseExponent = min(a.baseExponent, b.baseExponent);
  let aMagnitude = fp64_u64_shift_left(
    vec2u(0u, a.significand),
    u32(a.baseExponent - commonBaseExponent)
  );
  let bMagnitude = fp64_u64_shift_left(
    vec2u(0u, b.significand),
    u32(b.baseExponent - commonBaseExponent)
  );

  var resultSign = a.sign;
  var resultMagnitude: vec2u;
  if (a.sign == b.sign) {
    resultMagnitude = fp64_u64_add(aMagnitude, bMagnitude);
  } else {
    let comparison = fp64_u64_compare(aMagnitude, bMagnitude);
    if (comparison == 0) {
      return vec2u(0u, 0u);
    }
    if (comparison > 0) {
      resultMagnitude = fp64_u64_sub(aMagnitude, bMagnitude);
    } else {
      resultSign = b.sign;
      resultMagnitude = fp64_u64_sub(bMagnitude, aMagnitude);
    }
  }

  return fp64_split_accumulator_bits(resultSign, resultMagnitude, commonBaseExponent);
}

fn fp64_two_sum_integer(a: f32, b: f32) -> vec2f {
  let resultBits = fp64_two_sum_integer_bits(bitcast<u32>(a), bitcast<u32>(b));
  return vec2f(bitcast<f32>(resultBits.x), bitcast<f32>(resultBits.y));
}

fn fp64_multiply_significands(a: u32, b: u32) -> vec2u {
  let aLow = a & 0xffffu;
  let aHigh = a >> 16u;
  let bLow = b & 0xffffu;
  let bHigh = b >> 16u;
  let lowProduct = aLow * bLow;
  let crossProduct = aLow * bHigh + aHigh * bLow;
  let highProduct = aHigh * bHigh;

  var result = vec2u(0u, lowProduct);
  result = fp64_u64_add(
    result,
    fp64_u64_shift_left(vec2u(0u, crossProduct), 16u)
  );
  result = fp64_u64_add(result, vec2u(highProduct, 0u));
  return result;
}

fn fp64_two_prod_integer_bits(aBits: u32, bBits: u32) -> vec2u {
  let a = fp64_decode_f32_bits(aBits);
  let b = fp64_decode_f32_bits(bBits);
  let resultSign = a.sign ^ b.sign;

  if (a.isNan || b.isNan || ((a.isZero || b.isZero) && (a.isInf || b.isInf))) {
    return vec2u(0x7fc00000u, 0u);
  }
  if (a.isInf || b.isInf) {
    return vec2u((resultSign << 31u) | 0x7f800000u, resultSign << 31u);
  }
  if (a.isZero || b.isZero) {
    return vec2u(resultSign << 31u, resultSign << 31u);
  }

  let magnitude = fp64_multiply_significands(a.significand, b.significand);
  return fp64_split_accumulator_bits(
    resultSign,
    magnitude,
    a.baseExponent + b.baseExponent
  );
}

fn fp64_two_prod_integer(a: f32, b: f32) -> vec2f {
  let resultBits = fp64_two_prod_integer_bits(bitcast<u32>(a), bitcast<u32>(b));
  return vec2f(bitcast<f32>(resultBits.x), bitcast<f32>(resultBits.y));
}

fn fp64_round_add_integer(a: f32, b: f32) -> f32 {
  return fp64_two_sum_integer(a, b).x;
}

fn fp64_round_mul_integer(a: f32, b: f32) -> f32 {
  return fp64_two_prod_integer(a, b).x;
}

#ifndef LUMA_FP64_PREDICATE_ONLY
fn fp64_f32_finite_exponent(value: Fp64F32Bits) -> i32 {
  let mostSignificantBit = 31u - countLeadingZeros(value.significand);
  return value.baseExponent + i32(mostSignificantBit);
}

fn fp64_scale_f32_integer(value: f32, exponent: i32) -> f32 {
  let decoded = fp64_decode_f32_bits(bitcast<u32>(value));
  if (decoded.isZero || decoded.isInf || decoded.isNan) {
    return value;
  }
  let resultBits = fp64_make_f32_bits_from_u64(
    decoded.sign,
    vec2u(0u, decoded.significand),
    decoded.baseExponent + exponent
  );
  return bitcast<f32>(resultBits);
}

// Divide normalized significands so the hardware operation cannot overflow,
// underflow, or flush a subnormal result. Reapply the exponent with integer
// packing, which also produces subnormal correction limbs without relying on
// floating-point arithmetic to preserve them.
fn fp64_divide_f32_integer(aValue: f32, bValue: f32) -> f32 {
  let a = fp64_decode_f32_bits(bitcast<u32>(aValue));
  let b = fp64_decode_f32_bits(bitcast<u32>(bValue));
  if (a.isZero || b.isZero || a.isInf || b.isInf || a.isNan || b.isNan) {
    return aValue / bValue;
  }

  let aMostSignificantBit = 31u - countLeadingZeros(a.significand);
  let bMostSignificantBit = 31u - countLeadingZeros(b.significand);
  let normalizedABits = fp64_make_f32_bits_from_u64(
    a.sign,
    vec2u(0u, a.significand),
    -i32(aMostSignificantBit)
  );
  let normalizedBBits = fp64_make_f32_bits_from_u64(
    b.sign,
    vec2u(0u, b.significand),
    -i32(bMostSignificantBit)
  );
  let normalizedQuotient = bitcast<f32>(normalizedABits) / bitcast<f32>(normalizedBBits);
  let quotient = fp64_decode_f32_bits(bitcast<u32>(normalizedQuotient));
  let exponentShift =
    a.baseExponent + i32(aMostSignificantBit) -
    b.baseExponent - i32(bMostSignificantBit);
  let quotientBits = fp64_make_f32_bits_from_u64(
    quotient.sign,
    vec2u(0u, quotient.significand),
    quotient.baseExponent + exponentShift
  );
  return bitcast<f32>(quotientBits);
}
#endif

#ifndef LUMA_FP64_PREDICATE_ONLY
fn split(a: f32) -> vec2f {
  let aBits = bitcast<u32>(a);
  let decoded = fp64_decode_f32_bits(aBits);
  if (decoded.isZero || decoded.isInf || decoded.isNan) {
    return vec2f(a, 0.0);
  }

  var roundedHigh = decoded.significand >> 12u;
  let remainder = decoded.significand & 0xfffu;
  if (remainder > 0x800u || (remainder == 0x800u && (roundedHigh & 1u) == 1u)) {
    roundedHigh = roundedHigh + 1u;
  }
  var highMagnitude = vec2u(0u, roundedHigh << 12u);
  var highBits = fp64_make_f32_bits_from_u64(
    decoded.sign,
    highMagnitude,
    decoded.baseExponent
  );
  // Rounding the high limb of a maximum-exponent value can overflow even
  // though the original value is finite. Truncate only in that boundary case
  // so split remains an exact finite decomposition.
  if (fp64_decode_f32_bits(highBits).isInf) {
    roundedHigh = decoded.significand >> 12u;
    highMagnitude = vec2u(0u, roundedHigh << 12u);
    highBits = fp64_make_f32_bits_from_u64(
      decoded.sign,
      highMagnitude,
      decoded.baseExponent
    );
  }
  let lowBits = fp64_make_residual_f32_bits(
    decoded.sign,
    vec2u(0u, decoded.significand),
    decoded.baseExponent,
    highBits
  );
  return vec2f(bitcast<f32>(highBits), bitcast<f32>(lowBits));
}

fn split2(a: vec2f) -> vec2f {
  var result = split(a.x);
  result.y = fp64_round_add_integer(result.y, a.y);
  return result;
}
#endif

#ifndef LUMA_FP64_PREDICATE_ONLY
fn quickTwoSum(a: f32, b: f32) -> vec2f {
  return fp64_two_sum_integer(a, b);
}
#endif

fn twoSum(a: f32, b: f32) -> vec2f {
  return fp64_two_sum_integer(a, b);
}

fn twoSub(a: f32, b: f32) -> vec2f {
  let bBits = bitcast<u32>(b) ^ 0x80000000u;
  let resultBits = fp64_two_sum_integer_bits(bitcast<u32>(a), bBits);
  return vec2f(bitcast<f32>(resultBits.x), bitcast<f32>(resultBits.y));
}

#ifndef LUMA_FP64_PREDICATE_ONLY
fn twoSqr(a: f32) -> vec2f {
  return fp64_two_prod_integer(a, a);
}

fn twoProd(a: f32, b: f32) -> vec2f {
  return fp64_two_prod_integer(a, b);
}
#endif

fn sum_fp64(a: vec2f, b: vec2f) -> vec2f {
  var sum = fp64_two_sum_integer(a.x, b.x);
  let lowSum = fp64_two_sum_integer(a.y, b.y);
  sum.y = fp64_round_add_integer(sum.y, lowSum.x);
  sum = fp64_two_sum_integer(sum.x, sum.y);
  sum.y = fp64_round_add_integer(sum.y, lowSum.y);
  return fp64_two_sum_integer(sum.x, sum.y);
}

fn sub_fp64(a: vec2f, b: vec2f) -> vec2f {
  let negatedB = vec2f(
    bitcast<f32>(bitcast<u32>(b.x) ^ 0x80000000u),
    bitcast<f32>(bitcast<u32>(b.y) ^ 0x80000000u)
  );
  return sum_fp64(a, negatedB);
}

fn mul_fp64(a: vec2f, b: vec2f) -> vec2f {
  var product = fp64_two_prod_integer(a.x, b.x);
  let crossProduct1 = fp64_round_mul_integer(a.x, b.y);
  product.y = fp64_round_add_integer(product.y, crossProduct1);
  product = fp64_two_sum_integer(product.x, product.y);
  let crossProduct2 = fp64_round_mul_integer(a.y, b.x);
  product.y = fp64_round_add_integer(product.y, crossProduct2);
  return fp64_two_sum_integer(product.x, product.y);
}

#ifndef LUMA_FP64_PREDICATE_ONLY
fn fp64_scale_fp64_integer(value: vec2f, exponent: i32) -> vec2f {
  let high = fp64_scale_f32_integer(value.x, exponent);
  let low = fp64_scale_f32_integer(value.y, exponent);
  return sum_fp64(vec2f(high, 0.0), vec2f(low, 0.0));
}

fn fp64_div_fp64_normalized(a: vec2f, b: vec2f) -> vec2f {
  let quotientHigh = fp64_divide_f32_integer(a.x, b.x);
  var quotient = vec2f(quotientHigh, 0.0);

  let remainder = sub_fp64(a, mul_fp64(b, quotient));
  let quotientLow = fp64_divide_f32_integer(remainder.x, b.x);
  quotient = sum_fp64(quotient, vec2f(quotientLow, 0.0));

  let secondRemainder = sub_fp64(a, mul_fp64(b, quotient));
  let correction = fp64_divide_f32_integer(secondRemainder.x, b.x);
  return sum_fp64(quotient, vec2f(correction, 0.0));
}

fn div_fp64(a: vec2f, b: vec2f) -> vec2f {
  let decodedA = fp64_decode_f32_bits(bitcast<u32>(a.x));
  let decodedB = fp64_decode_f32_bits(bitcast<u32>(b.x));
  if (
    decodedA.isZero || decodedB.isZero ||
    decodedA.isInf || decodedB.isInf ||
    decodedA.isNan || decodedB.isNan
  ) {
    return fp64_div_fp64_normalized(a, b);
  }

  let exponentA = fp64_f32_finite_exponent(decodedA);
  let exponentB = fp64_f32_finite_exponent(decodedB);
  // Correct the quotient near unity so b * q and the remainder stay clear of
  // both f32 underflow and overflow. The exponent difference is applied once.
  let normalizedA = fp64_scale_fp64_integer(a, -exponentA);
  let normalizedB = fp64_scale_fp64_integer(b, -exponentB);
  let normalizedQuotient = fp64_div_fp64_normalized(normalizedA, normalizedB);
  return fp64_scale_fp64_integer(normalizedQuotient, exponentA - exponentB);
}

fn fp64_sqrt_fp64_normalized(a: vec2f) -> vec2f {
  let estimate = sqrt(a.x);
  let difference = sub_fp64(a, fp64_two_prod_integer(estimate, estimate)).x;
  let denominator = fp64_round_add_integer(estimate, estimate);
  let correction = fp64_divide_f32_integer(difference, denominator);
  return sum_fp64(vec2f(estimate, 0.0), vec2f(correction, 0.0));
}

fn sqrt_fp64(a: vec2f) -> vec2f {
  let decoded = fp64_decode_f32_bits(bitcast<u32>(a.x));
  let decodedLow = fp64_decode_f32_bits(bitcast<u32>(a.y));
  if (decoded.isZero && decodedLow.isZero) {
    return vec2f(0.0, 0.0);
  }
  if (decoded.sign == 1u) {
    let nanValue = fp64_nan(a.x);
    return vec2f(nanValue, nanValue);
  }

  if (decoded.isInf || decoded.isNan) {
    return fp64_sqrt_fp64_normalized(a);
  }
  let exponent = fp64_f32_finite_exponent(decoded);
  // An even scale lets the final square-root rescale use an integer exponent.
  let evenExponent = exponent - (exponent & 1);
  let normalizedA = fp64_scale_fp64_integer(a, -evenExponent);
  let normalizedRoot = fp64_sqrt_fp64_normalized(normalizedA);
  return fp64_scale_fp64_integer(normalizedRoot, evenExponent / 2);
}
#endif

#else
fn split(a: f32) -> vec2f {
  let splitValue = prevent_fp64_optimization(fp64arithmetic.SPLIT + fp64_runtime_zero());
  let t = prevent_fp64_optimization(a * splitValue);
  let temp = prevent_fp64_optimization(t - a);
  let aHi = prevent_fp64_optimization(t - temp);
  let aLo = prevent_fp64_optimization(a - aHi);
  return vec2f(aHi, aLo);
}

fn split2(a: vec2f) -> vec2f {
  var b = split(a.x);
  b.y = b.y + a.y;
  return b;
}

fn quickTwoSum(a: f32, b: f32) -> vec2f {
#ifdef LUMA_FP64_CODE_ELIMINATION_WORKAROUND
  let sum = prevent_fp64_optimization((a + b) * fp64arithmetic.ONE);
  let err = prevent_fp64_optimization(b - (sum - a) * fp64arithmetic.ONE);
#else
  let sum = prevent_fp64_optimization(a + b);
  let err = prevent_fp64_optimization(b - (sum - a));
#endif
  return vec2f(sum, err);
}

fn twoSum(a: f32, b: f32) -> vec2f {
  let s = prevent_fp64_optimization(a + b);
#ifdef LUMA_FP64_CODE_ELIMINATION_WORKAROUND
  let v = prevent_fp64_optimization((s * fp64arithmetic.ONE - a) * fp64arithmetic.ONE);
  let err =
    prevent_fp64_optimization((a - (s - v) * fp64arithmetic.ONE) *
      fp64arithmetic.ONE *
      fp64arithmetic.ONE *
      fp64arithmetic.ONE) +
    prevent_fp64_optimization(b - v);
#else
  let v = prevent_fp64_optimization(s - a);
  let err = prevent_fp64_optimization(a - (s - v)) + prevent_fp64_optimization(b - v);
#endif
  return vec2f(s, err);
}

fn twoSub(a: f32, b: f32) -> vec2f {
  let s = prevent_fp64_optimization(a - b);
#ifdef LUMA_FP64_CODE_ELIMINATION_WORKAROUND
  let v = prevent_fp64_optimization((s * fp64arithmetic.ONE - a) * fp64arithmetic.ONE);
  let err =
    prevent_fp64_optimization((a - (s - v) * fp64arithmetic.ONE) *
      fp64arithmetic.ONE *
      fp64arithmetic.ONE *
      fp64arithmetic.ONE) -
    prevent_fp64_optimization(b + v);
#else
  let v = prevent_fp64_optimization(s - a);
  let err = prevent_fp64_optimization(a - (s - v)) - prevent_fp64_optimization(b + v);
#endif
  return vec2f(s, err);
}

fn twoSqr(a: f32) -> vec2f {
  let prod = prevent_fp64_optimization(a * a);
  let aFp64 = split(a);
  let highProduct = prevent_fp64_optimization(aFp64.x * aFp64.x);
  let crossProduct = prevent_fp64_optimization(2.0 * aFp64.x * aFp64.y);
  let lowProduct = prevent_fp64_optimization(aFp64.y * aFp64.y);
#ifdef LUMA_FP64_CODE_ELIMINATION_WORKAROUND
  let err =
    (prevent_fp64_optimization(highProduct - prod) * fp64arithmetic.ONE +
      crossProduct * fp64arithmetic.ONE * fp64arithmetic.ONE) +
    lowProduct * fp64arithmetic.ONE * fp64arithmetic.ONE * fp64arithmetic.ONE;
#else
  let err = ((prevent_fp64_optimization(highProduct - prod) + crossProduct) + lowProduct);
#endif
  return vec2f(prod, err);
}

fn twoProd(a: f32, b: f32) -> vec2f {
  let prod = prevent_fp64_optimization(a * b);
  let aFp64 = split(a);
  let bFp64 = split(b);
  let highProduct = prevent_fp64_optimization(aFp64.x * bFp64.x);
  let crossProduct1 = prevent_fp64_optimization(aFp64.x * bFp64.y);
  let crossProduct2 = prevent_fp64_optimization(aFp64.y * bFp64.x);
  let lowProduct = prevent_fp64_optimization(aFp64.y * bFp64.y);
#ifdef LUMA_FP64_CODE_ELIMINATION_WORKAROUND
  let err1 = (highProduct - prod) * fp64arithmetic.ONE;
  let err2 = crossProduct1 * fp64arithmetic.ONE * fp64arithmetic.ONE;
  let err3 = crossProduct2 * fp64arithmetic.ONE * fp64arithmetic.ONE * fp64arithmetic.ONE;
  let err4 =
    lowProduct *
    fp64arithmetic.ONE *
    fp64arithmetic.ONE *
    fp64arithmetic.ONE *
    fp64arithmetic.ONE;
#else
  let err1 = highProduct - prod;
  let err2 = crossProduct1;
  let err3 = crossProduct2;
  let err4 = lowProduct;
#endif
  let err12InputA = prevent_fp64_optimization(err1);
  let err12InputB = prevent_fp64_optimization(err2);
  let err12 = prevent_fp64_optimization(err12InputA + err12InputB);
  let err123InputA = prevent_fp64_optimization(err12);
  let err123InputB = prevent_fp64_optimization(err3);
  let err123 = prevent_fp64_optimization(err123InputA + err123InputB);
  let err1234InputA = prevent_fp64_optimization(err123);
  let err1234InputB = prevent_fp64_optimization(err4);
  let err = prevent_fp64_optimization(err1234InputA + err1234InputB);
  return vec2f(prod, err);
}

fn sum_fp64(a: vec2f, b: vec2f) -> vec2f {
  var s = twoSum(a.x, b.x);
  let t = twoSum(a.y, b.y);
  s.y = prevent_fp64_optimization(s.y + t.x);
  s = quickTwoSum(s.x, s.y);
  s.y = prevent_fp64_optimization(s.y + t.y);
  s = quickTwoSum(s.x, s.y);
  return s;
}

fn sub_fp64(a: vec2f, b: vec2f) -> vec2f {
  var s = twoSub(a.x, b.x);
  let t = twoSub(a.y, b.y);
  s.y = prevent_fp64_optimization(s.y + t.x);
  s = quickTwoSum(s.x, s.y);
  s.y = prevent_fp64_optimization(s.y + t.y);
  s = quickTwoSum(s.x, s.y);
  return s;
}

fn mul_fp64(a: vec2f, b: vec2f) -> vec2f {
  var prod = twoProd(a.x, b.x);
  let crossProduct1 = prevent_fp64_optimization(a.x * b.y);
  prod.y = prevent_fp64_optimization(prod.y + crossProduct1);
#ifdef LUMA_FP64_HIGH_BITS_OVERFLOW_WORKAROUND
  prod = split2(prod);
#endif
  prod = quickTwoSum(prod.x, prod.y);
  let crossProduct2 = prevent_fp64_optimization(a.y * b.x);
  prod.y = prevent_fp64_optimization(prod.y + crossProduct2);
#ifdef LUMA_FP64_HIGH_BITS_OVERFLOW_WORKAROUND
  prod = split2(prod);
#endif
  prod = quickTwoSum(prod.x, prod.y);
  return prod;
}

#ifndef LUMA_FP64_PREDICATE_ONLY
fn div_fp64(a: vec2f, b: vec2f) -> vec2f {
  let xn = prevent_fp64_optimization(1.0 / b.x);
  let yn = mul_fp64(a, vec2f(xn, fp64_runtime_zero()));
  let diff = prevent_fp64_optimization(sub_fp64(a, mul_fp64(b, yn)).x);
  let prod = twoProd(xn, diff);
  return sum_fp64(yn, prod);
}

fn sqrt_fp64(a: vec2f) -> vec2f {
  if (a.x == 0.0 && a.y == 0.0) {
    return vec2f(0.0, 0.0);
  }
  if (a.x < 0.0) {
    let nanValue = fp64_nan(a.x);
    return vec2f(nanValue, nanValue);
  }

  let x = prevent_fp64_optimization(1.0 / sqrt(a.x));
  let yn = prevent_fp64_optimization(a.x * x);
#ifdef LUMA_FP64_CODE_ELIMINATION_WORKAROUND
  let ynSqr = twoSqr(yn) * fp64arithmetic.ONE;
#else
  let ynSqr = twoSqr(yn);
#endif
  let diff = prevent_fp64_optimization(sub_fp64(a, ynSqr).x);
  let prod = twoProd(prevent_fp64_optimization(x * 0.5), diff);
#ifdef LUMA_FP64_HIGH_BITS_OVERFLOW_WORKAROUND
  return sum_fp64(split(yn), prod);
#else
  return sum_fp64(vec2f(yn, 0.0), prod);
#endif
}
#endif
#endif

#ifndef LUMA_FP64_PREDICATE_ONLY
fn fp64_f32_bits_is_nan(bits: u32) -> bool {
  return (bits & 0x7fffffffu) > 0x7f800000u;
}

fn fp64_f32_bits_is_inf(bits: u32) -> bool {
  return (bits & 0x7fffffffu) == 0x7f800000u;
}

fn fp64_compare_f32_bits(aBits: u32, bBits: u32) -> i32 {
  let aMagnitude = aBits & 0x7fffffffu;
  let bMagnitude = bBits & 0x7fffffffu;
  if (aMagnitude == 0u && bMagnitude == 0u) {
    return 0;
  }
  let aSign = aBits >> 31u;
  let bSign = bBits >> 31u;
  if (aSign != bSign) {
    return select(1, -1, aSign == 1u);
  }
  if (aMagnitude == bMagnitude) {
    return 0;
  }
  let magnitudeComparison = select(-1, 1, aMagnitude > bMagnitude);
  return select(magnitudeComparison, -magnitudeComparison, aSign == 1u);
}

// Normalize an arbitrary pair of finite f32 limbs with integer accumulation.
// This is independent of LUMA_FP64_INTEGER_ARITHMETIC and canonicalizes every
// representation of zero to vec2f(+0.0, +0.0).
fn normalize_fp64(value: vec2f) -> vec2f {
  let resultBits = fp64_add_raw_f32_bits(bitcast<u32>(value.x), bitcast<u32>(value.y));
  return vec2f(bitcast<f32>(resultBits.x), bitcast<f32>(resultBits.y));
}

fn is_nan_fp64(value: vec2f) -> bool {
  let normalized = normalize_fp64(value);
  return fp64_f32_bits_is_nan(bitcast<u32>(normalized.x)) ||
    fp64_f32_bits_is_nan(bitcast<u32>(normalized.y));
}

fn is_finite_fp64(value: vec2f) -> bool {
  let normalized = normalize_fp64(value);
  let highBits = bitcast<u32>(normalized.x);
  let lowBits = bitcast<u32>(normalized.y);
  return !fp64_f32_bits_is_nan(highBits) && !fp64_f32_bits_is_nan(lowBits) &&
    !fp64_f32_bits_is_inf(highBits) && !fp64_f32_bits_is_inf(lowBits);
}

// Returns -1, 0, or 1. NaN is unordered and returns 0; call is_nan_fp64 or
// is_finite_fp64 first when 0 must mean a finite zero.
fn sign_fp64(value: vec2f) -> i32 {
  let normalized = normalize_fp64(value);
  let highBits = bitcast<u32>(normalized.x);
  let lowBits = bitcast<u32>(normalized.y);
  if (fp64_f32_bits_is_nan(highBits) || fp64_f32_bits_is_nan(lowBits)) {
    return 0;
  }
  if ((highBits & 0x7fffffffu) != 0u) {
    return select(1, -1, (highBits >> 31u) == 1u);
  }
  if ((lowBits & 0x7fffffffu) != 0u) {
    return select(1, -1, (lowBits >> 31u) == 1u);
  }
  return 0;
}

// Compares double-single values and returns -1, 0, or 1. NaN is unordered
// and returns 0; callers that require equality semantics must first check
// is_nan_fp64 or is_finite_fp64.
fn compare_fp64(a: vec2f, b: vec2f) -> i32 {
  let normalizedA = normalize_fp64(a);
  let normalizedB = normalize_fp64(b);
  let aHighBits = bitcast<u32>(normalizedA.x);
  let aLowBits = bitcast<u32>(normalizedA.y);
  let bHighBits = bitcast<u32>(normalizedB.x);
  let bLowBits = bitcast<u32>(normalizedB.y);
  if (fp64_f32_bits_is_nan(aHighBits) || fp64_f32_bits_is_nan(aLowBits) ||
      fp64_f32_bits_is_nan(bHighBits) || fp64_f32_bits_is_nan(bLowBits)) {
    return 0;
  }
  let highComparison = fp64_compare_f32_bits(aHighBits, bHighBits);
  if (highComparison != 0) {
    return highComparison;
  }
  return fp64_compare_f32_bits(aLowBits, bLowBits);
}
#endif
`,fs:Rs,vs:Rs,defaultUniforms:{ONE:1,SPLIT:4097},uniformTypes:{ONE:`f32`,SPLIT:`f32`},fp64ify:Ms,fp64LowPart:Ns,fp64ifyMatrix4:Ps},Bs={props:{},uniforms:{},name:`picking`,uniformTypes:{isActive:`f32`,isAttribute:`f32`,isHighlightActive:`f32`,useByteColors:`f32`,highlightedObjectColor:`vec3<f32>`,highlightColor:`vec4<f32>`},defaultUniforms:{isActive:!1,isAttribute:!1,isHighlightActive:!1,useByteColors:!0,highlightedObjectColor:[0,0,0],highlightColor:[0,1,1,1]},vs:`layout(std140) uniform pickingUniforms {
  float isActive;
  float isAttribute;
  float isHighlightActive;
  float useByteColors;
  vec3 highlightedObjectColor;
  vec4 highlightColor;
} picking;

out vec4 picking_vRGBcolor_Avalid;

// Normalize unsigned byte color to 0-1 range
vec3 picking_normalizeColor(vec3 color) {
  return picking.useByteColors > 0.5 ? color / 255.0 : color;
}

// Normalize unsigned byte color to 0-1 range
vec4 picking_normalizeColor(vec4 color) {
  return picking.useByteColors > 0.5 ? color / 255.0 : color;
}

bool picking_isColorZero(vec3 color) {
  return dot(color, vec3(1.0)) < 0.00001;
}

bool picking_isColorValid(vec3 color) {
  return dot(color, vec3(1.0)) > 0.00001;
}

// Check if this vertex is highlighted 
bool isVertexHighlighted(vec3 vertexColor) {
  vec3 highlightedObjectColor = picking_normalizeColor(picking.highlightedObjectColor);
  return
    bool(picking.isHighlightActive) && picking_isColorZero(abs(vertexColor - highlightedObjectColor));
}

// Set the current picking color
void picking_setPickingColor(vec3 pickingColor) {
  pickingColor = picking_normalizeColor(pickingColor);

  if (bool(picking.isActive)) {
    // Use alpha as the validity flag. If pickingColor is [0, 0, 0] fragment is non-pickable
    picking_vRGBcolor_Avalid.a = float(picking_isColorValid(pickingColor));

    if (!bool(picking.isAttribute)) {
      // Stores the picking color so that the fragment shader can render it during picking
      picking_vRGBcolor_Avalid.rgb = pickingColor;
    }
  } else {
    // Do the comparison with selected item color in vertex shader as it should mean fewer compares
    picking_vRGBcolor_Avalid.a = float(isVertexHighlighted(pickingColor));
  }
}

void picking_setPickingAttribute(float value) {
  if (bool(picking.isAttribute)) {
    picking_vRGBcolor_Avalid.r = value;
  }
}

void picking_setPickingAttribute(vec2 value) {
  if (bool(picking.isAttribute)) {
    picking_vRGBcolor_Avalid.rg = value;
  }
}

void picking_setPickingAttribute(vec3 value) {
  if (bool(picking.isAttribute)) {
    picking_vRGBcolor_Avalid.rgb = value;
  }
}
`,fs:`layout(std140) uniform pickingUniforms {
  float isActive;
  float isAttribute;
  float isHighlightActive;
  float useByteColors;
  vec3 highlightedObjectColor;
  vec4 highlightColor;
} picking;

in vec4 picking_vRGBcolor_Avalid;

/*
 * Returns highlight color if this item is selected.
 */
vec4 picking_filterHighlightColor(vec4 color) {
  // If we are still picking, we don't highlight
  if (picking.isActive > 0.5) {
    return color;
  }

  bool selected = bool(picking_vRGBcolor_Avalid.a);

  if (selected) {
    // Blend in highlight color based on its alpha value
    float highLightAlpha = picking.highlightColor.a;
    float blendedAlpha = highLightAlpha + color.a * (1.0 - highLightAlpha);
    float highLightRatio = highLightAlpha / blendedAlpha;

    vec3 blendedRGB = mix(color.rgb, picking.highlightColor.rgb, highLightRatio);
    return vec4(blendedRGB, blendedAlpha);
  } else {
    return color;
  }
}

/*
 * Returns picking color if picking enabled else unmodified argument.
 */
vec4 picking_filterPickingColor(vec4 color) {
  if (bool(picking.isActive)) {
    if (picking_vRGBcolor_Avalid.a == 0.0) {
      discard;
    }
    return picking_vRGBcolor_Avalid;
  }
  return color;
}

/*
 * Returns picking color if picking is enabled if not
 * highlight color if this item is selected, otherwise unmodified argument.
 */
vec4 picking_filterColor(vec4 color) {
  vec4 highlightColor = picking_filterHighlightColor(color);
  return picking_filterPickingColor(highlightColor);
}
`,getUniforms:Vs};function Vs(e={},t){let n={},r=Fs(e.useByteColors,!0);return e.highlightedObjectColor===void 0||(e.highlightedObjectColor===null?n.isHighlightActive=!1:(n.isHighlightActive=!0,n.highlightedObjectColor=e.highlightedObjectColor.slice(0,3))),e.highlightColor&&(n.highlightColor=Ls(e.highlightColor,r)),e.isActive!==void 0&&(n.isActive=!!e.isActive,n.isAttribute=!!e.isAttribute),e.useByteColors!==void 0&&(n.useByteColors=!!e.useByteColors),n}var Hs=`struct LayerUniforms {
  opacity: f32,
};

@group(0) @binding(auto)
var<uniform> layer: LayerUniforms;
`,Us=`layout(std140) uniform layerUniforms {
  uniform float opacity;
} layer;
`,Ws={name:`layer`,source:Hs,vs:Us,fs:Us,getUniforms:e=>({opacity:e.opacity**(1/2.2)}),uniformTypes:{opacity:`f32`}},Gs={name:`color`,dependencies:[],source:`

@must_use
fn deckgl_premultiplied_alpha(fragColor: vec4<f32>) -> vec4<f32> {
    return vec4(fragColor.rgb * fragColor.a, fragColor.a); 
};
`,getUniforms:e=>({})},Ks=`const SMOOTH_EDGE_RADIUS: f32 = 0.5;

struct VertexGeometry {
  position: vec4<f32>,
  worldPosition: vec3<f32>,
  worldPositionAlt: vec3<f32>,
  normal: vec3<f32>,
  uv: vec2<f32>,
  pickingColor: vec3<f32>,
};

var<private> geometry_: VertexGeometry = VertexGeometry(
  vec4<f32>(0.0, 0.0, 1.0, 0.0),
  vec3<f32>(0.0, 0.0, 0.0),
  vec3<f32>(0.0, 0.0, 0.0),
  vec3<f32>(0.0, 0.0, 0.0),
  vec2<f32>(0.0, 0.0),
  vec3<f32>(0.0, 0.0, 0.0)
);

struct FragmentGeometry {
  uv: vec2<f32>,
};

var<private> fragmentGeometry: FragmentGeometry;

fn smoothedge(edge: f32, x: f32) -> f32 {
  return smoothstep(edge - SMOOTH_EDGE_RADIUS, edge + SMOOTH_EDGE_RADIUS, x);
}
`,qs=`#define SMOOTH_EDGE_RADIUS 0.5`,Js={name:`geometry`,source:Ks,vs:`\
${qs}

struct VertexGeometry {
  vec4 position;
  vec3 worldPosition;
  vec3 worldPositionAlt;
  vec3 normal;
  vec2 uv;
  vec3 pickingColor;
} geometry = VertexGeometry(
  vec4(0.0, 0.0, 1.0, 0.0),
  vec3(0.0),
  vec3(0.0),
  vec3(0.0),
  vec2(0.0),
  vec3(0.0)
);
`,fs:`\
${qs}

struct FragmentGeometry {
  vec2 uv;
};
FragmentGeometry geometry;

float smoothedge(float edge, float x) {
  return smoothstep(edge - SMOOTH_EDGE_RADIUS, edge + SMOOTH_EDGE_RADIUS, x);
}
`},H;(function(e){e[e.Start=1]=`Start`,e[e.Move=2]=`Move`,e[e.End=4]=`End`,e[e.Cancel=8]=`Cancel`})(H||={});var U;(function(e){e[e.None=0]=`None`,e[e.Left=1]=`Left`,e[e.Right=2]=`Right`,e[e.Up=4]=`Up`,e[e.Down=8]=`Down`,e[e.Horizontal=3]=`Horizontal`,e[e.Vertical=12]=`Vertical`,e[e.All=15]=`All`})(U||={});var W;(function(e){e[e.Possible=1]=`Possible`,e[e.Began=2]=`Began`,e[e.Changed=4]=`Changed`,e[e.Ended=8]=`Ended`,e[e.Recognized=8]=`Recognized`,e[e.Cancelled=16]=`Cancelled`,e[e.Failed=32]=`Failed`})(W||={});var Ys=`auto`,Xs=`manipulation`,Zs=`none`,Qs=`pan-x`,$s=`pan-y`;function ec(e){if(e.includes(`none`))return Zs;let t=e.includes(Qs),n=e.includes($s);return t&&n?Zs:t||n?t?Qs:$s:e.includes(`manipulation`)?Xs:Ys}var tc=class{constructor(e,t){this.actions=``,this.manager=e,this.set(t)}set(e){e===`compute`&&(e=this.compute()),this.manager.element&&(this.manager.element.style.touchAction=e,this.actions=e)}update(){this.set(this.manager.options.touchAction)}compute(){let e=[];for(let t of this.manager.recognizers)t.options.enable&&(e=e.concat(t.getTouchAction()));return ec(e.join(` `))}};function nc(e){return e.trim().split(/\s+/g)}function rc(e,t,n){if(e)for(let r of nc(t))e.addEventListener(r,n,!1)}function ic(e,t,n){if(e)for(let r of nc(t))e.removeEventListener(r,n,!1)}function ac(e){return(e.ownerDocument||e).defaultView}function oc(e,t){let n=e;for(;n;){if(n===t)return!0;n=n.parentNode}return!1}function sc(e){let t=e.length;if(t===1)return{x:Math.round(e[0].clientX),y:Math.round(e[0].clientY)};let n=0,r=0,i=0;for(;i<t;)n+=e[i].clientX,r+=e[i].clientY,i++;return{x:Math.round(n/t),y:Math.round(r/t)}}function cc(e){let t=[],n=0;for(;n<e.pointers.length;)t[n]={clientX:Math.round(e.pointers[n].clientX),clientY:Math.round(e.pointers[n].clientY)},n++;return{timeStamp:Date.now(),pointers:t,center:sc(t),deltaX:e.deltaX,deltaY:e.deltaY}}function lc(e,t){let n=t.x-e.x,r=t.y-e.y;return Math.sqrt(n*n+r*r)}function uc(e,t){let n=t.clientX-e.clientX,r=t.clientY-e.clientY;return Math.sqrt(n*n+r*r)}function dc(e,t){let n=t.x-e.x,r=t.y-e.y;return Math.atan2(r,n)*180/Math.PI}function fc(e,t){let n=t.clientX-e.clientX,r=t.clientY-e.clientY;return Math.atan2(r,n)*180/Math.PI}function pc(e,t){return e===t?U.None:Math.abs(e)>=Math.abs(t)?e<0?U.Left:U.Right:t<0?U.Up:U.Down}function mc(e,t){let n=t.center,r=e.offsetDelta,i=e.prevDelta,a=e.prevInput;return(t.eventType===H.Start||a?.eventType===H.End)&&(i=e.prevDelta={x:a?.deltaX||0,y:a?.deltaY||0},r=e.offsetDelta={x:n.x,y:n.y}),{deltaX:i.x+(n.x-r.x),deltaY:i.y+(n.y-r.y)}}function hc(e,t,n){return{x:t/e||0,y:n/e||0}}function gc(e,t){return uc(t[0],t[1])/uc(e[0],e[1])}function _c(e,t){return fc(t[1],t[0])-fc(e[1],e[0])}function vc(e,t){let n=e.lastInterval||t,r=t.timeStamp-n.timeStamp,i,a,o,s;if(t.eventType!==H.Cancel&&(r>25||n.velocity===void 0)){let c=t.deltaX-n.deltaX,l=t.deltaY-n.deltaY,u=hc(r,c,l);a=u.x,o=u.y,i=Math.abs(u.x)>Math.abs(u.y)?u.x:u.y,s=pc(c,l),e.lastInterval=t}else i=n.velocity,a=n.velocityX,o=n.velocityY,s=n.direction;t.velocity=i,t.velocityX=a,t.velocityY=o,t.direction=s}function yc(e,t){return`pointerId`in e?e.pointerId:t}function bc(e,t){e.movementOrigin=new Map(t.map((e,t)=>[yc(e,t),{clientX:e.clientX,clientY:e.clientY}])),e.firstMovementTime=void 0}function xc(e,t){let n=t.pointers.map(yc);if(e.movementOrigin?.size===n.length&&n.every(t=>e.movementOrigin.has(t))||bc(e,t.pointers),t.distancePerPointer=t.pointers.map((t,r)=>uc(e.movementOrigin.get(n[r]),t)),t.eventType&H.Move&&t.distancePerPointer.some(e=>e>0)&&(e.firstMovementTime??=t.timeStamp),t.movementDeltaTime=e.firstMovementTime===void 0?0:t.timeStamp-e.firstMovementTime,t.eventType&(H.End|H.Cancel)){let r=t.changedPointers.map(e=>yc(e,t.pointers.indexOf(e)));bc(e,t.pointers.filter((e,t)=>!r.includes(n[t])))}}function Sc(e,t){let{session:n}=e,{pointers:r}=t,{length:i}=r;n.firstInput||=cc(t),i>1&&!n.firstMultiple?n.firstMultiple=cc(t):i===1&&(n.firstMultiple=!1);let{firstInput:a,firstMultiple:o}=n,s=o?o.center:a.center,c=t.center=sc(r);t.timeStamp=Date.now(),t.deltaTime=t.timeStamp-a.timeStamp,xc(n,t),t.angle=dc(s,c),t.distance=lc(s,c);let{deltaX:l,deltaY:u}=mc(n,t);t.deltaX=l,t.deltaY=u,t.offsetDirection=pc(t.deltaX,t.deltaY);let d=hc(t.deltaTime,t.deltaX,t.deltaY);t.overallVelocityX=d.x,t.overallVelocityY=d.y,t.overallVelocity=Math.abs(d.x)>Math.abs(d.y)?d.x:d.y,t.scale=o?gc(o.pointers,r):1,t.rotation=o?_c(o.pointers,r):0,t.maxPointers=n.prevInput?t.pointers.length>n.prevInput.maxPointers?t.pointers.length:n.prevInput.maxPointers:t.pointers.length;let f=e.element;return oc(t.srcEvent.target,f)&&(f=t.srcEvent.target),t.target=f,vc(n,t),t}function Cc(e,t,n){let r=n.pointers.length,i=n.changedPointers.length,a=t&H.Start&&r-i===0,o=t&(H.End|H.Cancel)&&r-i===0;n.isFirst=!!a,n.isFinal=!!o,a&&(e.session={}),n.eventType=t;let s=Sc(e,n);e.emit(`hammer.input`,s),e.recognize(s),e.session.prevInput=s}var wc=class{constructor(e){this.evEl=``,this.evWin=``,this.evTarget=``,this.domHandler=e=>{this.manager.options.enable&&this.handler(e)},this.manager=e,this.element=e.element,this.target=e.options.inputTarget||e.element}callback(e,t){Cc(this.manager,e,t)}init(){rc(this.element,this.evEl,this.domHandler),rc(this.target,this.evTarget,this.domHandler),rc(ac(this.element),this.evWin,this.domHandler)}destroy(){ic(this.element,this.evEl,this.domHandler),ic(this.target,this.evTarget,this.domHandler),ic(ac(this.element),this.evWin,this.domHandler)}},Tc={pointerdown:H.Start,pointermove:H.Move,pointerup:H.End,pointercancel:H.Cancel,pointerout:H.Cancel},Ec=`pointerdown`,Dc=`pointermove pointerup pointercancel`,Oc=class extends wc{constructor(e){super(e),this.evEl=Ec,this.evWin=Dc,this.store=this.manager.session.pointerEvents=[],this.init()}handler(e){let{store:t}=this,n=!1,r=Tc[e.type],i=e.pointerType,a=i===`touch`,o=t.findIndex(t=>t.pointerId===e.pointerId);r&H.Start&&(e.buttons||a)?o<0&&(t.push(e),o=t.length-1):r&(H.End|H.Cancel)&&(n=!0),o<0||(t[o]=e,this.callback(r,{pointers:t,changedPointers:[e],eventType:r,pointerType:i,srcEvent:e}),n&&t.splice(o,1))}},kc=[``,`webkit`,`Moz`,`MS`,`ms`,`o`];function Ac(e,t){let n=t[0].toUpperCase()+t.slice(1);for(let r of kc){let i=r?r+n:t;if(i in e)return i}}var jc=1,Mc=2,Nc={touchAction:`compute`,enable:!0,inputTarget:null,cssProps:{userSelect:`none`,userDrag:`none`,touchCallout:`none`,tapHighlightColor:`rgba(0,0,0,0)`}},Pc=class{constructor(e,t){this.options={...Nc,...t,cssProps:{...Nc.cssProps,...t.cssProps},inputTarget:t.inputTarget||e},this.handlers={},this.session={},this.recognizers=[],this.oldCssProps={},this.element=e,this.input=new Oc(this),this.touchAction=new tc(this,this.options.touchAction),this.toggleCssProps(!0)}set(e){return Object.assign(this.options,e),e.touchAction&&this.touchAction.update(),e.inputTarget&&(this.input.destroy(),this.input.target=e.inputTarget,this.input.init()),this}stop(e){this.session.stopped=e?Mc:jc}recognize(e){let{session:t}=this;if(t.stopped)return;this.session.prevented&&e.srcEvent.preventDefault();let n,{recognizers:r}=this,{curRecognizer:i}=t;(!i||i&&i.state&W.Recognized)&&(i=t.curRecognizer=null);let a=0;for(;a<r.length;)n=r[a],t.stopped!==Mc&&(!i||n===i||n.canRecognizeWith(i))?n.recognize(e):n.reset(),!i&&n.state&(W.Began|W.Changed|W.Ended)&&(i=t.curRecognizer=n),a++}get(e){let{recognizers:t}=this;for(let n=0;n<t.length;n++)if(t[n].options.event===e)return t[n];return null}add(e){if(Array.isArray(e)){for(let t of e)this.add(t);return this}let t=this.get(e.options.event);return t&&this.remove(t),this.recognizers.push(e),e.manager=this,this.touchAction.update(),e}remove(e){if(Array.isArray(e)){for(let t of e)this.remove(t);return this}let t=typeof e==`string`?this.get(e):e;if(t){let{recognizers:e}=this,n=e.indexOf(t);n!==-1&&(e.splice(n,1),this.touchAction.update())}return this}on(e,t){if(!e||!t)return;let{handlers:n}=this;for(let r of nc(e))n[r]=n[r]||[],n[r].push(t)}off(e,t){if(!e)return;let{handlers:n}=this;for(let r of nc(e))t?n[r]&&n[r].splice(n[r].indexOf(t),1):delete n[r]}emit(e,t){let n=this.handlers[e]&&this.handlers[e].slice();if(!n||!n.length)return;let r=t;r.type=e,r.preventDefault=function(){t.srcEvent.preventDefault()};let i=0;for(;i<n.length;)n[i](r),i++}destroy(){this.toggleCssProps(!1),this.handlers={},this.session={},this.input.destroy(),this.element=null}toggleCssProps(e){let{element:t}=this;if(t){for(let[n,r]of Object.entries(this.options.cssProps)){let i=Ac(t.style,n);e?(this.oldCssProps[i]=t.style[i],t.style[i]=r):t.style[i]=this.oldCssProps[i]||``}e||(this.oldCssProps={})}}},Fc=1;function Ic(){return Fc++}function Lc(e){return e&W.Cancelled?`cancel`:e&W.Ended?`end`:e&W.Changed?`move`:e&W.Began?`start`:``}var Rc=class{constructor(e){this.options=e,this.id=Ic(),this.state=W.Possible,this.simultaneous={},this.requireFail=[]}set(e){return Object.assign(this.options,e),this.manager.touchAction.update(),this}recognizeWith(e){if(Array.isArray(e)){for(let t of e)this.recognizeWith(t);return this}let t;if(typeof e==`string`){if(t=this.manager.get(e),!t)throw Error(`Cannot find recognizer ${e}`)}else t=e;let{simultaneous:n}=this;return n[t.id]||(n[t.id]=t,t.recognizeWith(this)),this}dropRecognizeWith(e){if(Array.isArray(e)){for(let t of e)this.dropRecognizeWith(t);return this}let t;return t=typeof e==`string`?this.manager.get(e):e,t&&delete this.simultaneous[t.id],this}requireFailure(e){if(Array.isArray(e)){for(let t of e)this.requireFailure(t);return this}let t;if(typeof e==`string`){if(t=this.manager.get(e),!t)throw Error(`Cannot find recognizer ${e}`)}else t=e;let{requireFail:n}=this;return n.indexOf(t)===-1&&(n.push(t),t.requireFailure(this)),this}dropRequireFailure(e){if(Array.isArray(e)){for(let t of e)this.dropRequireFailure(t);return this}let t;if(t=typeof e==`string`?this.manager.get(e):e,t){let e=this.requireFail.indexOf(t);e>-1&&this.requireFail.splice(e,1)}return this}hasRequireFailures(){return!!this.requireFail.find(e=>e.options.enable)}canRecognizeWith(e){return!!this.simultaneous[e.id]}emit(e){if(!e)return;let{state:t}=this;t<W.Ended&&this.manager.emit(this.options.event+Lc(t),e),this.manager.emit(this.options.event,e),e.additionalEvent&&this.manager.emit(e.additionalEvent,e),t>=W.Ended&&this.manager.emit(this.options.event+Lc(t),e)}tryEmit(e){this.canEmit()?this.emit(e):this.state=W.Failed}canEmit(){let e=0;for(;e<this.requireFail.length;){if(!(this.requireFail[e].state&(W.Failed|W.Possible)))return!1;e++}return!0}recognize(e){let t={...e};this.options.enable?(this.state&(W.Recognized|W.Cancelled|W.Failed)&&(this.state=W.Possible),this.state=this.process(t),this.state&(W.Began|W.Changed|W.Ended|W.Cancelled)&&this.tryEmit(t)):(this.reset(),this.state=W.Failed)}getEventNames(){return[this.options.event]}reset(){}};function zc(e){return Math.abs(((e+180)%360+360)%360-180)}function Bc(e,t){return(t.distance===void 0||e.distance>=t.distance)&&(t.distancePerPointer===void 0||e.distancePerPointer.length>0&&e.distancePerPointer.every(e=>e>=t.distancePerPointer))&&(t.movementDeltaTime===void 0||e.movementDeltaTime>=t.movementDeltaTime)&&(t.rotation===void 0||zc(e.rotation)>=t.rotation)&&(t.scale===void 0||Math.abs(e.scale-1)>=t.scale)}var Vc=class extends Rc{attrTest(e){let t=this.options.pointers;return t===0||e.pointers.length===t}coherentTest(e){let t=this.options.coherent;return!t?.length||t.some(t=>Bc(e,t))}process(e){let{state:t}=this,{eventType:n}=e,r=t&(W.Began|W.Changed),i=this.attrTest(e);return r&&(n&H.Cancel||!i)?t|W.Cancelled:r||i?n&H.End?t|W.Ended:t&W.Began?t|W.Changed:W.Began:W.Failed}},Hc=[``,`start`,`move`,`end`,`cancel`],Uc=class extends Rc{constructor(e={}){super({enable:!0,event:`doubleclickdrag`,pointers:1,interval:500,time:350,threshold:28,dragThreshold:1,pixelsPerScale:120,...e}),this._tapStart=null,this._lastTap=null,this._drag=null,this._emittedStart=!1}getTouchAction(){return[Xs]}getEventNames(){return Hc.map(e=>this.options.event+e)}process(e){let{options:t}=this;return e.pointers.length===t.pointers?e.eventType&H.Start?this._handleStart(e):e.eventType&H.Move?this._handleMove(e):e.eventType&H.Cancel?this._handleEnd(e,!0):e.eventType&H.End?this._handleEnd(e,!1):W.Failed:(this.reset(),W.Failed)}reset(){this._tapStart=null,this._lastTap=null,this._drag=null,this._emittedStart=!1}emit(e){if(e){if(this.state===W.Began){if(!this._drag?.active||this._emittedStart)return;this._emittedStart=!0,this.manager.emit(`${this.options.event}start`,e),this.manager.emit(this.options.event,e)}else if(this.state===W.Changed){if(!this._emittedStart)return;this.manager.emit(`${this.options.event}move`,e),this.manager.emit(this.options.event,e)}else if(this.state===W.Ended){if(!this._emittedStart)return;this.manager.emit(this.options.event,e),this.manager.emit(`${this.options.event}end`,e),this._emittedStart=!1}else if(this.state===W.Cancelled){if(!this._emittedStart)return;this.manager.emit(this.options.event,e),this.manager.emit(`${this.options.event}cancel`,e),this._emittedStart=!1}}}_handleStart(e){let t=this._getPointerId(e);return this._lastTap&&this._isTapMatch(e,this._lastTap)?(this._tapStart=null,this._lastTap=null,this._drag={startCenter:e.center,pointerId:t,active:!1},this._emittedStart=!1,W.Began):(this._tapStart={center:e.center,timeStamp:e.timeStamp,pointerId:t},this._lastTap=null,this._drag=null,this._emittedStart=!1,W.Failed)}_handleMove(e){if(!this._drag||!this._isSamePointer(e,this._drag.pointerId))return W.Failed;let t=this._drag.startCenter.y-e.center.y;return!this._drag.active&&Math.abs(t)<this.options.dragThreshold?W.Began:(this._drag.active=!0,e.scale=2**(t/this.options.pixelsPerScale),this._emittedStart?W.Changed:W.Began)}_handleEnd(e,t){if(this._drag&&this._isSamePointer(e,this._drag.pointerId)){let{active:n,startCenter:r}=this._drag;return this._drag=null,this._tapStart=null,this._lastTap=null,n?(e.scale=2**((r.y-e.center.y)/this.options.pixelsPerScale),t?W.Cancelled:W.Ended):(this._emittedStart=!1,W.Failed)}return!this._tapStart||!this._isSamePointer(e,this._tapStart.pointerId)?(t&&this.reset(),W.Failed):(this._lastTap=this._isValidTap(e)?{center:e.center,timeStamp:e.timeStamp,pointerId:this._tapStart.pointerId}:null,this._tapStart=null,W.Failed)}_isTapMatch(e,t){return e.timeStamp-t.timeStamp<=this.options.interval&&lc(e.center,t.center)<=this.options.threshold}_isValidTap(e){return e.deltaTime<=this.options.time&&e.distance<=this.options.threshold}_getPointerId(e){return`pointerId`in e.srcEvent?e.srcEvent.pointerId:null}_isSamePointer(e,t){return t===null||this._getPointerId(e)===t}},Wc=class extends Rc{constructor(e={}){super({enable:!0,event:`tap`,pointers:1,taps:1,interval:300,time:250,threshold:9,posThreshold:10,...e}),this.pTime=null,this.pCenter=null,this._timer=null,this._input=null,this.count=0}getTouchAction(){return[Xs]}process(e){let{options:t}=this,n=e.pointers.length===t.pointers,r=e.distance<t.threshold,i=e.deltaTime<t.time;if(this.reset(),e.eventType&H.Start&&this.count===0)return this.failTimeout();if(r&&i&&n){if(e.eventType!==H.End)return this.failTimeout();let n=!this.pTime||e.timeStamp-this.pTime<t.interval,r=!this.pCenter||lc(this.pCenter,e.center)<t.posThreshold;if(this.pTime=e.timeStamp,this.pCenter=e.center,!r||!n?this.count=1:this.count+=1,this._input=e,this.count%t.taps===0)return this.hasRequireFailures()?(this._timer=setTimeout(()=>{this.state=W.Recognized,this.tryEmit(this._input)},t.interval),W.Began):W.Recognized}return W.Failed}failTimeout(){return this._timer=setTimeout(()=>{this.state=W.Failed},this.options.interval),W.Failed}reset(){clearTimeout(this._timer)}emit(e){this.state===W.Recognized&&(e.tapCount=this.count,this.manager.emit(this.options.event,e))}},Gc=class extends Vc{constructor(){super(...arguments),this.wheelSession=null,this.wheelSessionUnsubscribe=null,this.handleWheelSessionEvent=e=>{e.device===`trackpad`&&this.handleTrackpadEvent(e)}}set(e){let{wheelSession:t,...n}=e;return t&&t!==this.wheelSession&&(this.wheelSessionUnsubscribe?.(),this.wheelSessionUnsubscribe=null,this.wheelSession=t),super.set(n),this.updateWheelSessionSubscription(),this}getTrackpadInput(e,t={}){let{srcEvent:n}=e,r=t.deltaX??e.deltaX,i=t.deltaY??e.deltaY,a=pc(r,i),o=Math.sqrt(e.deltaX*e.deltaX+e.deltaY*e.deltaY),s=n;return{pointers:[s,s],changedPointers:[s,s],pointerType:`trackpad`,srcEvent:s,eventType:e.eventType,timeStamp:e.timeStamp,deltaTime:e.deltaTime,center:e.center,deltaX:r,deltaY:i,angle:Math.atan2(i,r)*180/Math.PI,distance:Math.sqrt(r*r+i*i),distancePerPointer:[o,o],movementDeltaTime:e.deltaTime,scale:1,rotation:0,direction:a,offsetDirection:a,velocity:e.velocity,velocityX:e.velocityX,velocityY:e.velocityY,overallVelocity:e.overallVelocity,overallVelocityX:e.overallVelocityX,overallVelocityY:e.overallVelocityY,maxPointers:2,target:n.target||this.manager.element,additionalEvent:``,...t}}updateWheelSessionSubscription(){let e=!!(this.wheelSession&&this.options.enable&&this.options.trackpad&&this.options.pointers===2);e&&!this.wheelSessionUnsubscribe?this.wheelSessionUnsubscribe=this.wheelSession.on(this.handleWheelSessionEvent):!e&&this.wheelSessionUnsubscribe&&(this.wheelSessionUnsubscribe(),this.wheelSessionUnsubscribe=null)}},Kc=[``,`start`,`move`,`end`,`cancel`,`up`,`down`,`left`,`right`],qc=class extends Gc{constructor(e={}){super({enable:!0,pointers:1,event:`pan`,threshold:10,direction:U.All,trackpad:!1,coherent:[],...e}),this.trackpadGesture=!1,this.pX=null,this.pY=null}getTouchAction(){let{options:{direction:e}}=this,t=[];return e&U.Horizontal&&t.push($s),e&U.Vertical&&t.push(Qs),t}getEventNames(){return Kc.map(e=>this.options.event+e)}directionTest(e){let{options:t}=this,n=!0,{distance:r}=e,{direction:i}=e,a=e.deltaX,o=e.deltaY;return i&t.direction||(t.direction&U.Horizontal?(i=a===0?U.None:a<0?U.Left:U.Right,n=a!==this.pX,r=Math.abs(e.deltaX)):(i=o===0?U.None:o<0?U.Up:U.Down,n=o!==this.pY,r=Math.abs(e.deltaY))),e.direction=i,n&&r>t.threshold&&!!(i&t.direction)}attrTest(e){let t=!!(this.state&W.Began),n=!(this.options.coherent?.length&&e.eventType&(H.End|H.Cancel));return super.attrTest(e)&&(t||n&&this.coherentTest(e)&&this.directionTest(e))}emit(e){this.pX=e.deltaX,this.pY=e.deltaY;let t=U[e.direction].toLowerCase();t&&(e.additionalEvent=this.options.event+t),super.emit(e)}handleTrackpadEvent(e){e.isFirst&&(this.trackpadGesture=!e.srcEvent.ctrlKey,!this.trackpadGesture&&this.state&(W.Recognized|W.Cancelled|W.Failed)&&(this.state=W.Possible)),this.trackpadGesture&&(this.recognize(this.getTrackpadInput(e,{deltaX:-e.deltaX,deltaY:-e.deltaY,velocity:-e.velocity,velocityX:-e.velocityX,velocityY:-e.velocityY,overallVelocity:-e.overallVelocity,overallVelocityX:-e.overallVelocityX,overallVelocityY:-e.overallVelocityY})),e.isFinal&&(this.trackpadGesture=!1))}},Jc=[``,`start`,`move`,`end`,`cancel`,`in`,`out`],Yc=class extends Gc{constructor(e={}){super({enable:!0,event:`pinch`,threshold:0,pointers:2,trackpad:!1,coherent:[],...e}),this.trackpadGesture=!1}getTouchAction(){return[Zs]}getEventNames(){return Jc.map(e=>this.options.event+e)}attrTest(e){let t=!!this.options.coherent?.length,n=!!(this.state&W.Began),r=!(t&&e.eventType&(H.End|H.Cancel));return super.attrTest(e)&&(n||r&&(t?this.coherentTest(e):Math.abs(e.scale-1)>this.options.threshold))}emit(e){if(e.scale!==1){let t=e.scale<1?`in`:`out`;e.additionalEvent=this.options.event+t}super.emit(e)}handleTrackpadEvent(e){e.isFirst&&(this.trackpadGesture=e.srcEvent.ctrlKey,!this.trackpadGesture&&this.state&(W.Recognized|W.Cancelled|W.Failed)&&(this.state=W.Possible)),this.trackpadGesture&&(this.recognize(this.getTrackpadInput(e,{deltaX:0,deltaY:0,velocity:0,velocityX:0,velocityY:0,overallVelocity:0,overallVelocityX:0,overallVelocityY:0,scale:Math.exp(-e.deltaY/100)})),e.isFinal&&(this.trackpadGesture=!1))}},Xc=class{constructor(e,t,n){this.element=e,this.callback=t,this.options=n}listen(e,t){t?this.element.addEventListener(e,this.handleEvent,{passive:!1}):this.element.removeEventListener(e,this.handleEvent)}},Zc=(typeof navigator<`u`&&navigator.userAgent?navigator.userAgent.toLowerCase():``).indexOf(`firefox`)!==-1,Qc=40,$c=.25,el=class extends Xc{constructor(e,t,n){n.enable=n.enable??!1,super(e,t,n),this.handleEvent=e=>{if(!this.options.enable)return;let t=e.deltaY;globalThis.WheelEvent&&(Zc&&e.deltaMode===globalThis.WheelEvent.DOM_DELTA_PIXEL&&(t/=globalThis.devicePixelRatio),e.deltaMode===globalThis.WheelEvent.DOM_DELTA_LINE&&(t*=Qc)),e.shiftKey&&t&&(t*=$c),this.callback({type:`wheel`,center:{x:e.clientX,y:e.clientY},delta:-t,device:this.options.wheelSession?.device??`unknown`,srcEvent:e,pointerType:`mouse`,target:e.target})},n.enable&&(this.wheelSessionUnsubscribe=this.options.wheelSession?.on(()=>{}),this.listen(`wheel`,!0))}destroy(){this.listen(`wheel`,!1),this.wheelSessionUnsubscribe?.(),this.wheelSessionUnsubscribe=void 0}enableEventType(e,t){e===`wheel`&&this.options.enable!==t&&(this.options.enable=t,t&&!this.wheelSessionUnsubscribe&&(this.wheelSessionUnsubscribe=this.options.wheelSession?.on(()=>{})),this.listen(`wheel`,t),t||(this.wheelSessionUnsubscribe?.(),this.wheelSessionUnsubscribe=void 0))}},tl=4.000244140625,nl=40,rl=0,il=1,al=40,ol=40,sl=120,cl={classificationDelay:32,endDelay:80},ll=class{constructor(e,t={}){this.subscriptions=new Map,this.session=null,this.classificationTimer=null,this.endTimer=null,this.pressedControlKeys=new Set,this.listeningForControlKeys=!1,this.handleEvent=e=>{if(!this.hasSubscribers)return`unknown`;let t=dl(e,this.pressedControlKeys.size>0),n=this.session;if(n&&t.timeStamp-n.lastTimeStamp>=this.options.endDelay){if(this.end(),!this.hasSubscribers)return`unknown`;n=null}n?(this.scheduleEnd(),this.addSample(n,t)):(n=this.startPendingSession(t),this.scheduleEnd());let{device:r}=n;return r===`unknown`&&(r=fl(n.samples,!1),r!==`unknown`&&this.begin(n,r)),r},this.finishClassification=()=>{if(this.classificationTimer=null,!this.session||this.session.device!==`unknown`)return;let e=this.session,t=fl(e.samples,!0);this.begin(e,t===`unknown`?`mouse`:t)},this.end=()=>{if(!this.session)return;if(this.session.device===`unknown`){let e=this.session,t=fl(e.samples,!0);this.begin(e,t===`unknown`?`mouse`:t)}if(!this.session)return;let e=this.session;this.emit(H.End,e.lastEvent),this.reset()},this.handleKeyDown=e=>{e.key===`Control`&&this.pressedControlKeys.add(e.code||e.key)},this.handleKeyUp=e=>{e.key===`Control`&&(e.code?this.pressedControlKeys.delete(e.code):this.pressedControlKeys.clear())},this.handleWindowBlur=()=>{this.pressedControlKeys.clear()},this.element=e,this.options={...cl,...t},this.element?.addEventListener(`wheel`,this.handleEvent,{passive:!0})}get hasSubscribers(){return this.subscriptions.size>0}get device(){return this.session?.device??`unknown`}on(e){let t={listener:e};return this.subscriptions.set(e,t),this.updateControlKeyEventListeners(),()=>{this.subscriptions.get(e)===t&&this.off(e)}}off(e){this.subscriptions.delete(e),this.updateControlKeyEventListeners(),this.hasSubscribers||this.reset()}cancel(){let e=this.session;e&&e.device!==`unknown`&&this.emit(H.Cancel,e.lastEvent),this.reset()}destroy(){this.cancel(),this.subscriptions.clear(),this.updateControlKeyEventListeners(),this.element?.removeEventListener(`wheel`,this.handleEvent)}startPendingSession(e){let t={samples:[e],device:`unknown`,firstTimeStamp:e.timeStamp,lastTimeStamp:e.timeStamp,totalDeltaX:e.deltaX,totalDeltaY:e.deltaY,velocityX:0,velocityY:0,lastEvent:e.event};return this.session=t,this.classificationTimer=globalThis.setTimeout(this.finishClassification,this.options.classificationDelay),t}addSample(e,t){if(e.samples.push(t),e.lastTimeStamp=t.timeStamp,e.lastEvent=t.event,e.totalDeltaX+=t.deltaX,e.totalDeltaY+=t.deltaY,e.device!==`unknown`){let n=e.samples[e.samples.length-2],r=t.timeStamp-n.timeStamp;e.velocityX=r>0?t.deltaX/r:0,e.velocityY=r>0?t.deltaY/r:0,this.emit(H.Move,t.event,{velocityX:e.velocityX,velocityY:e.velocityY})}}begin(e,t){e.device=t,this.clearClassificationTimer(),this.emit(H.Start,e.samples[0].event);let n=e.lastTimeStamp-e.firstTimeStamp;e.velocityX=n>0?e.totalDeltaX/n:0,e.velocityY=n>0?e.totalDeltaY/n:0,this.emit(H.Move,e.lastEvent,{velocityX:e.velocityX,velocityY:e.velocityY})}scheduleEnd(){this.clearEndTimer(),this.endTimer=globalThis.setTimeout(this.end,this.options.endDelay)}emit(e,t,n){let r=this.session;if(!r||r.device===`unknown`)return;let i=e===H.Start,a=e===H.End||e===H.Cancel,o=i?r.firstTimeStamp:r.lastTimeStamp,s=i?0:Math.max(0,o-r.firstTimeStamp),c=i?0:r.totalDeltaX,l=i?0:r.totalDeltaY,u=s>0?c/s:0,d=s>0?l/s:0,f=i?0:n?.velocityX??r.velocityX,p=i?0:n?.velocityY??r.velocityY,m={eventType:e,device:r.device,srcEvent:t,timeStamp:o,center:{x:t.clientX,y:t.clientY},deltaX:c,deltaY:l,deltaTime:s,velocity:Math.abs(f)>Math.abs(p)?f:p,velocityX:f,velocityY:p,overallVelocity:Math.abs(u)>Math.abs(d)?u:d,overallVelocityX:u,overallVelocityY:d,isFirst:i,isFinal:a};for(let{listener:e}of[...this.subscriptions.values()])e(m)}reset(){this.clearClassificationTimer(),this.clearEndTimer(),this.session=null}clearClassificationTimer(){this.classificationTimer!==null&&(globalThis.clearTimeout(this.classificationTimer),this.classificationTimer=null)}clearEndTimer(){this.endTimer!==null&&(globalThis.clearTimeout(this.endTimer),this.endTimer=null)}updateControlKeyEventListeners(){let e=this.hasSubscribers,t=ul();t&&e!==this.listeningForControlKeys&&(this.listeningForControlKeys=e,e?(t.addEventListener(`keydown`,this.handleKeyDown,!0),t.addEventListener(`keyup`,this.handleKeyUp,!0),t.addEventListener(`blur`,this.handleWindowBlur)):(t.removeEventListener(`keydown`,this.handleKeyDown,!0),t.removeEventListener(`keyup`,this.handleKeyUp,!0),t.removeEventListener(`blur`,this.handleWindowBlur),this.pressedControlKeys.clear()))}};function ul(){return typeof window<`u`?window:globalThis.document?.defaultView}function dl(e,t){let n=e.deltaX,r=e.deltaY;return e.deltaMode===il&&(n*=nl,r*=nl),{event:e,timeStamp:e.timeStamp,deltaX:n,deltaY:r,isControlKeyDown:t}}function fl(e,t){return e.some(({event:e,isControlKeyDown:t})=>e.ctrlKey&&!t)?`trackpad`:e.some(({event:e})=>e.deltaMode!==rl)||e.some(pl)||e.every(({event:e})=>{let t=e.wheelDelta;return t!==void 0&&Math.abs(t)%40==0})?`mouse`:e.some(({deltaX:e})=>e!==0)||e.length>1&&ml(e)?`trackpad`:t?`mouse`:`unknown`}function pl({event:e,deltaX:t,deltaY:n}){if(t!==0||n===0)return!1;let r=Math.abs(n/tl);if(Number.isInteger(r))return!0;let i=e.wheelDelta;return typeof i==`number`&&i!==0&&i%sl===0}function ml(e){for(let t=0;t<e.length;t++){let n=e[t];if(Math.abs(n.deltaX)>ol||Math.abs(n.deltaY)>ol||t>0&&n.timeStamp-e[t-1].timeStamp>al)return!1}return!0}var hl=[`mousedown`,`mousemove`,`mouseup`,`mouseover`,`mouseout`,`mouseenter`,`mouseleave`],gl=class extends Xc{constructor(e,t,n){super(e,t,{enable:!0,...n}),this.handleEvent=e=>{this.handleOverEvent(e),this.handleOutEvent(e),this.handleEnterEvent(e),this.handleLeaveEvent(e),this.handleMoveEvent(e)},this.pressed=!1;let{enable:r=!1}=this.options;this.enableMoveEvent=r,this.enableLeaveEvent=r,this.enableEnterEvent=r,this.enableOutEvent=r,this.enableOverEvent=r,r&&hl.forEach(e=>this.listen(e,!0))}destroy(){hl.forEach(e=>this.listen(e,!1))}enableEventType(e,t){switch(e){case`pointermove`:this.enableMoveEvent!==t&&(this.enableMoveEvent=t,this.listen(`mousedown`,t),this.listen(`mousemove`,t),this.listen(`mouseup`,t));break;case`pointerover`:this.enableOverEvent!==t&&(this.enableOverEvent=t,this.listen(`mouseover`,t));break;case`pointerout`:this.enableOutEvent!==t&&(this.enableOutEvent=t,this.listen(`mouseout`,t));break;case`pointerenter`:this.enableEnterEvent!==t&&(this.enableEnterEvent=t,this.listen(`mouseenter`,t));break;case`pointerleave`:this.enableLeaveEvent!==t&&(this.enableLeaveEvent=t,this.listen(`mouseleave`,t))}}handleOverEvent(e){this.enableOverEvent&&e.type===`mouseover`&&this._emit(`pointerover`,e)}handleOutEvent(e){this.enableOutEvent&&e.type===`mouseout`&&this._emit(`pointerout`,e)}handleEnterEvent(e){this.enableEnterEvent&&e.type===`mouseenter`&&this._emit(`pointerenter`,e)}handleLeaveEvent(e){this.enableLeaveEvent&&e.type===`mouseleave`&&this._emit(`pointerleave`,e)}handleMoveEvent(e){if(this.enableMoveEvent)switch(e.type){case`mousedown`:e.button>=0&&(this.pressed=!0);break;case`mousemove`:e.buttons===0&&(this.pressed=!1),this.pressed||this._emit(`pointermove`,e);break;case`mouseup`:this.pressed=!1}}_emit(e,t){this.callback({type:e,center:{x:t.clientX,y:t.clientY},srcEvent:t,pointerType:`mouse`,target:t.target})}},_l=[`keydown`,`keyup`],vl=class extends Xc{constructor(e,t,n){super(e,t,{enable:!0,tabIndex:0,...n}),this.handleEvent=e=>{let t=e.target||e.srcElement;t.tagName===`INPUT`&&t.type===`text`||t.tagName===`TEXTAREA`||(this.enableDownEvent&&e.type===`keydown`&&this.callback({type:`keydown`,srcEvent:e,key:e.key,target:e.target}),this.enableUpEvent&&e.type===`keyup`&&this.callback({type:`keyup`,srcEvent:e,key:e.key,target:e.target}))};let{enable:r=!1}=this.options;this.enableDownEvent=r,this.enableUpEvent=r,e.tabIndex=this.options.tabIndex,e.style.outline=`none`,r&&_l.forEach(e=>this.listen(e,!0))}destroy(){_l.forEach(e=>this.listen(e,!1))}enableEventType(e,t){e===`keydown`&&this.enableDownEvent!==t&&(this.enableDownEvent=t,this.listen(e,t)),e===`keyup`&&this.enableUpEvent!==t&&(this.enableUpEvent=t,this.listen(e,t))}},yl=class extends Xc{constructor(e,t,n){n.enable=n.enable??!1,super(e,t,n),this.handleEvent=e=>{this.options.enable&&this.callback({type:`contextmenu`,center:{x:e.clientX,y:e.clientY},srcEvent:e,pointerType:`mouse`,target:e.target})},n.enable&&this.listen(`contextmenu`,!0)}destroy(){this.listen(`contextmenu`,!1)}enableEventType(e,t){e===`contextmenu`&&this.options.enable!==t&&(this.options.enable=t,this.listen(`contextmenu`,t))}},bl=1,xl=2,Sl=4,Cl={pointerdown:bl,pointermove:xl,pointerup:Sl,mousedown:bl,mousemove:xl,mouseup:Sl},wl=0,Tl=1,El=2,Dl=1,Ol=2,kl=4;function Al(e){let t=Cl[e.srcEvent.type];if(!t)return null;let{buttons:n,button:r}=e.srcEvent,i=!1,a=!1,o=!1;return t===xl?(i=!!(n&Dl),a=!!(n&kl),o=!!(n&Ol)):(i=r===wl,a=r===Tl,o=r===El),{leftButton:i,middleButton:a,rightButton:o}}function jl(e,t){let n=e.center;if(!n)return null;let r=t.getBoundingClientRect(),i=r.width/t.offsetWidth||1,a=r.height/t.offsetHeight||1;return{center:n,offsetCenter:{x:(n.x-r.left-t.clientLeft)/i,y:(n.y-r.top-t.clientTop)/a}}}var Ml={srcElement:`root`,priority:0},Nl=class{constructor(e,t){this.handleEvent=e=>{if(this.isEmpty())return;let t=this._normalizeEvent(e),n=e.srcEvent.target;for(;n&&n!==t.rootElement;){if(this._emit(t,n),t.handled)return;n=n.parentNode}this._emit(t,`root`)},this.eventManager=e,this.recognizerName=t,this.handlers=[],this.handlersByElement=new Map,this._active=!1}isEmpty(){return!this._active}add(e,t,n,r=!1,i=!1){let{handlers:a,handlersByElement:o}=this,s={...Ml,...n},c=o.get(s.srcElement);c||(c=[],o.set(s.srcElement,c));let l={type:e,handler:t,srcElement:s.srcElement,priority:s.priority};r&&(l.once=!0),i&&(l.passive=!0),a.push(l),this._active=this._active||!l.passive;let u=c.length-1;for(;u>=0&&!(c[u].priority>=l.priority);)u--;c.splice(u+1,0,l)}remove(e,t){let{handlers:n,handlersByElement:r}=this;for(let i=n.length-1;i>=0;i--){let a=n[i];if(a.type===e&&a.handler===t){n.splice(i,1);let e=r.get(a.srcElement);e.splice(e.indexOf(a),1),e.length===0&&r.delete(a.srcElement)}}this._active=n.some(e=>!e.passive)}_emit(e,t){let n=this.handlersByElement.get(t);if(n){let t=!1,r=()=>{e.handled=!0},i=()=>{e.handled=!0,t=!0},a=[];for(let o=0;o<n.length;o++){let{type:s,handler:c,once:l}=n[o];if(c({...e,type:s,stopPropagation:r,stopImmediatePropagation:i}),l&&a.push(n[o]),t)break}for(let e=0;e<a.length;e++){let{type:t,handler:n}=a[e];this.remove(t,n)}}}_normalizeEvent(e){let t=this.eventManager.getElement();return{...e,...Al(e),...jl(e,t),preventDefault:()=>{e.srcEvent.preventDefault()},stopImmediatePropagation:null,stopPropagation:null,handled:!1,rootElement:t}}};function Pl(e){if(`recognizer`in e)return e;let t,n=Array.isArray(e)?[...e]:[e];return t=typeof n[0]==`function`?new(n.shift())(n.shift()||{}):n.shift(),{recognizer:t,recognizeWith:typeof n[0]==`string`?[n[0]]:n[0],requireFailure:typeof n[1]==`string`?[n[1]]:n[1]}}var Fl=class{constructor(e=null,t={}){if(this._onBasicInput=e=>{this.manager.emit(e.srcEvent.type,e)},this._onOtherEvent=e=>{this.manager.emit(e.type,e)},this.options={recognizers:[],events:{},touchAction:`compute`,tabIndex:0,cssProps:{},...t},this.events=new Map,this.element=e,this.wheelSession=new ll(e),e){this.manager=new Pc(e,this.options);for(let e of this.options.recognizers){let{recognizer:t,recognizeWith:n,requireFailure:r}=Pl(e);this.manager.add(t),n&&t.recognizeWith(n),r&&t.requireFailure(r)}this.manager.on(`hammer.input`,this._onBasicInput),this.wheelInput=new el(e,this._onOtherEvent,{enable:!1,wheelSession:this.wheelSession}),this.moveInput=new gl(e,this._onOtherEvent,{enable:!1}),this.keyInput=new vl(e,this._onOtherEvent,{enable:!1,tabIndex:t.tabIndex}),this.contextmenuInput=new yl(e,this._onOtherEvent,{enable:!1}),this.on(this.options.events)}}getElement(){return this.element}destroy(){this.element?(this.wheelInput.destroy(),this.wheelSession.destroy(),this.moveInput.destroy(),this.keyInput.destroy(),this.contextmenuInput.destroy(),this.manager.destroy()):this.wheelSession.destroy()}on(e,t,n){this._addEventHandler(e,t,n,!1)}once(e,t,n){this._addEventHandler(e,t,n,!0)}watch(e,t,n){this._addEventHandler(e,t,n,!1,!0)}off(e,t){this._removeEventHandler(e,t)}emit(e){this.manager?.emit(e.type,e)}_toggleRecognizer(e,t){let{manager:n}=this;if(!n)return;let r=n.get(e);r&&(r.set({enable:t,wheelSession:this.wheelSession}),n.touchAction.update()),this.wheelInput?.enableEventType(e,t),this.moveInput?.enableEventType(e,t),this.keyInput?.enableEventType(e,t),this.contextmenuInput?.enableEventType(e,t)}_addEventHandler(e,t,n,r,i){if(typeof e!=`string`){n=t;for(let[t,a]of Object.entries(e))this._addEventHandler(t,a,n,r,i);return}let{manager:a,events:o}=this;if(!a)return;let s=o.get(e);if(!s){let t=this._getRecognizerName(e)||e;s=new Nl(this,t),o.set(e,s),a&&a.on(e,s.handleEvent)}s.add(e,t,n,r,i),s.isEmpty()||this._toggleRecognizer(s.recognizerName,!0)}_removeEventHandler(e,t){if(typeof e!=`string`){for(let[t,n]of Object.entries(e))this._removeEventHandler(t,n);return}let{events:n}=this,r=n.get(e);if(r&&(r.remove(e,t),r.isEmpty())){let{recognizerName:e}=r,t=!1;for(let r of n.values())if(r.recognizerName===e&&!r.isEmpty()){t=!0;break}t||this._toggleRecognizer(e,!1)}}_getRecognizerName(e){return this.manager.recognizers.find(t=>t.getEventNames().includes(e))?.options.event}},Il={DEFAULT:`default`,LNGLAT:`lnglat`,METER_OFFSETS:`meter-offsets`,LNGLAT_OFFSETS:`lnglat-offsets`,CARTESIAN:`cartesian`};Object.defineProperty(Il,"IDENTITY",{get:()=>(I.deprecated(`COORDINATE_SYSTEM.IDENTITY`,`COORDINATE_SYSTEM.CARTESIAN`)(),Il.CARTESIAN)});var Ll={WEB_MERCATOR:1,GLOBE:2,WEB_MERCATOR_AUTO_OFFSET:4,IDENTITY:0},Rl={common:0,meters:1,pixels:2},zl={click:`onClick`,dblclick:`onClick`,panstart:`onDragStart`,panmove:`onDrag`,panend:`onDragEnd`},Bl={multipan:[qc,{threshold:10,pointers:2,trackpad:!0}],pinch:[Yc,{trackpad:!0},null,[`multipan`]],pan:[qc,{threshold:1},[`pinch`],[`multipan`]],dblclick:[Wc,{event:`dblclick`,taps:2,enable:!1}],dblclickdrag:[Uc,{event:`dblclickdrag`,enable:!1},[`dblclick`],null],click:[Wc,{event:`click`},[`dblclickdrag`],[`dblclick`,`dblclickdrag`]]};function Vl(e,t){if(e===t)return!0;if(Array.isArray(e)){let n=e.length;if(!t||t.length!==n)return!1;for(let r=0;r<n;r++)if(e[r]!==t[r])return!1;return!0}return!1}function Hl(e){let t={},n;return r=>{for(let i in r)if(!Vl(r[i],t[i])){n=e(r),t=r;break}return n}}var Ul=[0,0,0,0],Wl=[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,0],Gl=[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1],Kl=[0,0,0],ql=[0,0,0],Jl={default:-1,cartesian:0,lnglat:1,"meter-offsets":2,"lnglat-offsets":3};function Yl(e){let t=Jl[e];if(t===void 0)throw Error(`Invalid coordinateSystem: ${e}`);return t}var Xl=Hl(eu);function Zl(e,t,n=ql){n.length<3&&(n=[n[0],n[1],0]);let r=n,i,a=!0;switch(i=t===`lnglat-offsets`||t===`meter-offsets`?n:e.isGeospatial?[Math.fround(e.longitude),Math.fround(e.latitude),0]:null,e.projectionMode){case Ll.WEB_MERCATOR:(t===`lnglat`||t===`cartesian`)&&(i=[0,0,0],a=!1);break;case Ll.WEB_MERCATOR_AUTO_OFFSET:t===`lnglat`?r=i:t===`cartesian`&&(r=[Math.fround(e.center[0]),Math.fround(e.center[1]),0],i=e.unprojectPosition(r),r[0]-=n[0],r[1]-=n[1],r[2]-=n[2]);break;case Ll.IDENTITY:r=e.position.map(Math.fround),r[2]=r[2]||0;break;case Ll.GLOBE:a=!1,i=null;break;default:a=!1}return{geospatialOrigin:i,shaderCoordinateOrigin:r,offsetMode:a}}function Ql(e,t,n){let{viewMatrixUncentered:r,projectionMatrix:i}=e,{viewMatrix:a,viewProjectionMatrix:o}=e,s=Ul,c=Ul,l=e.cameraPosition,{geospatialOrigin:u,shaderCoordinateOrigin:d,offsetMode:f}=Zl(e,t,n);return f&&(c=e.projectPosition(u||d),l=[l[0]-c[0],l[1]-c[1],l[2]-c[2]],c[3]=1,s=ys([],c,o),a=r||a,o=rs([],i,a),o=rs([],o,Wl)),{viewMatrix:a,viewProjectionMatrix:o,projectionCenter:s,originCommon:c,cameraPosCommon:l,shaderCoordinateOrigin:d,geospatialOrigin:u}}function $l({viewport:e,devicePixelRatio:t=1,modelMatrix:n=null,coordinateSystem:r=`default`,coordinateOrigin:i=ql,autoWrapLongitude:a=!1}){r==="default"&&(r=e.isGeospatial?`lnglat`:`cartesian`);let o=Xl({viewport:e,devicePixelRatio:t,coordinateSystem:r,coordinateOrigin:i});return o.wrapLongitude=a,o.modelMatrix=n||Gl,o}function eu({viewport:e,devicePixelRatio:t,coordinateSystem:n,coordinateOrigin:r}){let{projectionCenter:i,viewProjectionMatrix:a,originCommon:o,cameraPosCommon:s,shaderCoordinateOrigin:c,geospatialOrigin:l}=Ql(e,n,r),u=e.getDistanceScales(),d=[e.width*t,e.height*t],f=ys([],[0,0,-e.focalDistance,1],e.projectionMatrix)[3]||1,p={coordinateSystem:Yl(n),projectionMode:e.projectionMode,coordinateOrigin:c,commonOrigin:o.slice(0,3),center:i,pseudoMeters:!!e._pseudoMeters,viewportSize:d,devicePixelRatio:t,focalDistance:f,commonUnitsPerMeter:u.unitsPerMeter,commonUnitsPerWorldUnit:u.unitsPerMeter,commonUnitsPerWorldUnit2:Kl,scale:e.scale,wrapLongitude:!1,viewProjectionMatrix:a,modelMatrix:Gl,cameraPosition:s};if(l){let t=e.getDistanceScales(l);switch(n){case`meter-offsets`:p.commonUnitsPerWorldUnit=t.unitsPerMeter,p.commonUnitsPerWorldUnit2=t.unitsPerMeter2;break;case`lnglat`:case`lnglat-offsets`:e._pseudoMeters||(p.commonUnitsPerMeter=t.unitsPerMeter),p.commonUnitsPerWorldUnit=t.unitsPerDegree,p.commonUnitsPerWorldUnit2=t.unitsPerDegree2;break;case`cartesian`:p.commonUnitsPerWorldUnit=[1,1,t.unitsPerMeter[2]],p.commonUnitsPerWorldUnit2=[0,0,t.unitsPerMeter2[2]]}}if(e.projectionMode===Ll.GLOBE&&n===`meter-offsets`){let e=r[0]*Math.PI/180,t=r[1]*Math.PI/180,n=Math.cos(t),i=((r[2]||0)/6370972+1)*256;p.commonOrigin=[Math.sin(e)*n*i,-Math.cos(e)*n*i,Math.sin(t)*i]}return p}var tu=`\
${`\
${[`default`,`lnglat`,`meter-offsets`,`lnglat-offsets`,`cartesian`].map(e=>`const COORDINATE_SYSTEM_${e.toUpperCase().replaceAll(`-`,`_`)}: i32 = ${Yl(e)};`).join(``)}
${Object.keys(Ll).map(e=>`const PROJECTION_MODE_${e}: i32 = ${Ll[e]};`).join(``)}
${Object.keys(Rl).map(e=>`const UNIT_${e.toUpperCase()}: i32 = ${Rl[e]};`).join(``)}

const TILE_SIZE: f32 = 512.0;
const PI: f32 = 3.1415926536;
const WORLD_SCALE: f32 = TILE_SIZE / (PI * 2.0);
const ZERO_64_LOW: vec3<f32> = vec3<f32>(0.0, 0.0, 0.0);
const EARTH_RADIUS: f32 = 6370972.0; // meters
const GLOBE_RADIUS: f32 = 256.0;

// -----------------------------------------------------------------------------
// Uniform block (converted from GLSL uniform block)
// -----------------------------------------------------------------------------
struct ProjectUniforms {
  wrapLongitude: i32,
  coordinateSystem: i32,
  commonUnitsPerMeter: vec3<f32>,
  projectionMode: i32,
  scale: f32,
  commonUnitsPerWorldUnit: vec3<f32>,
  commonUnitsPerWorldUnit2: vec3<f32>,
  center: vec4<f32>,
  modelMatrix: mat4x4<f32>,
  viewProjectionMatrix: mat4x4<f32>,
  viewportSize: vec2<f32>,
  devicePixelRatio: f32,
  focalDistance: f32,
  cameraPosition: vec3<f32>,
  coordinateOrigin: vec3<f32>,
  commonOrigin: vec3<f32>,
  pseudoMeters: i32,
};

@group(0) @binding(auto)
var<uniform> project: ProjectUniforms;

// -----------------------------------------------------------------------------
// Geometry data shared across the project helpers.
// The active layer shader is responsible for populating this private module
// state before calling the project functions below.
// -----------------------------------------------------------------------------

// Structure to carry additional geometry data used by deck.gl filters.
struct Geometry {
  worldPosition: vec3<f32>,
  worldPositionAlt: vec3<f32>,
  position: vec4<f32>,
  normal: vec3<f32>,
  uv: vec2<f32>,
  pickingColor: vec3<f32>,
};

var<private> geometry: Geometry;
`}

// -----------------------------------------------------------------------------
// Functions
// -----------------------------------------------------------------------------

// Returns an adjustment factor for commonUnitsPerMeter
fn _project_size_at_latitude(lat: f32) -> f32 {
  let y = clamp(lat, -89.9, 89.9);
  return 1.0 / cos(radians(y));
}

// Overloaded version: scales a value in meters at a given latitude.
fn _project_size_at_latitude_m(meters: f32, lat: f32) -> f32 {
  return meters * project.commonUnitsPerMeter.z * _project_size_at_latitude(lat);
}

// Computes a non-linear scale factor based on geometry.
// (Note: This function relies on "geometry" being provided.)
fn project_size() -> f32 {
  if (project.projectionMode == PROJECTION_MODE_WEB_MERCATOR &&
      project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT &&
      project.pseudoMeters == 0) {
    if (geometry.position.w == 0.0) {
      return _project_size_at_latitude(geometry.worldPosition.y);
    }
    let y: f32 = geometry.position.y / TILE_SIZE * 2.0 - 1.0;
    let y2 = y * y;
    let y4 = y2 * y2;
    let y6 = y4 * y2;
    return 1.0 + 4.9348 * y2 + 4.0587 * y4 + 1.5642 * y6;
  }
  return 1.0;
}

// Overloads to scale offsets (meters to world units)
fn project_size_float(meters: f32) -> f32 {
  return meters * project.commonUnitsPerMeter.z * project_size();
}

fn project_size_vec2(meters: vec2<f32>) -> vec2<f32> {
  return meters * project.commonUnitsPerMeter.xy * project_size();
}

fn project_size_vec3(meters: vec3<f32>) -> vec3<f32> {
  return meters * project.commonUnitsPerMeter * project_size();
}

fn project_size_vec4(meters: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(meters.xyz * project.commonUnitsPerMeter, meters.w);
}

// Returns a rotation matrix aligning the z‑axis with the given up vector.
fn project_get_orientation_matrix(up: vec3<f32>) -> mat3x3<f32> {
  let uz = normalize(up);
  let ux = select(
    vec3<f32>(1.0, 0.0, 0.0),
    normalize(vec3<f32>(uz.y, -uz.x, 0.0)),
    abs(uz.z) == 1.0
  );
  let uy = cross(uz, ux);
  return mat3x3<f32>(ux, uy, uz);
}

// Since WGSL does not support "out" parameters, we return a struct.
struct RotationResult {
  needsRotation: bool,
  transform: mat3x3<f32>,
};

fn project_needs_rotation(commonPosition: vec3<f32>) -> RotationResult {
  if (project.projectionMode == PROJECTION_MODE_GLOBE) {
    return RotationResult(true, project_get_orientation_matrix(commonPosition));
  } else {
    return RotationResult(false, mat3x3<f32>());  // identity alternative if needed
  };
}

// Projects a normal vector from the current coordinate system to world space.
fn project_normal(vector: vec3<f32>) -> vec3<f32> {
  let normal_modelspace = project.modelMatrix * vec4<f32>(vector, 0.0);
  var n = normalize(normal_modelspace.xyz * project.commonUnitsPerMeter);
  let rotResult = project_needs_rotation(geometry.position.xyz);
  if (rotResult.needsRotation) {
    n = rotResult.transform * n;
  }
  return n;
}

// Applies a scale offset based on y-offset (dy)
fn project_offset_(offset: vec4<f32>) -> vec4<f32> {
  let dy: f32 = offset.y;
  let commonUnitsPerWorldUnit = project.commonUnitsPerWorldUnit + project.commonUnitsPerWorldUnit2 * dy;
  return vec4<f32>(offset.xyz * commonUnitsPerWorldUnit, offset.w);
}

// Projects lng/lat coordinates to a unit tile [0,1]
fn project_mercator_(lnglat: vec2<f32>) -> vec2<f32> {
  var x = lnglat.x;
  if (project.wrapLongitude != 0) {
    x = ((x + 180.0) % 360.0) - 180.0;
  }
  let y = clamp(lnglat.y, -89.9, 89.9);
  return vec2<f32>(
    radians(x) + PI,
    PI + log(tan_fp32(PI * 0.25 + radians(y) * 0.5))
  ) * WORLD_SCALE;
}

// Projects lng/lat/z coordinates for a globe projection.
fn project_globe_(lnglatz: vec3<f32>) -> vec3<f32> {
  let lambda = radians(lnglatz.x);
  let phi = radians(lnglatz.y);
  let cosPhi = cos(phi);
  let D = (lnglatz.z / EARTH_RADIUS + 1.0) * GLOBE_RADIUS;
  return vec3<f32>(
    sin(lambda) * cosPhi,
    -cos(lambda) * cosPhi,
    sin(phi)
  ) * D;
}

// Projects positions (with an optional 64-bit low part) from the input
// coordinate system to the common space.
fn project_position_vec4_f64(position: vec4<f32>, position64Low: vec3<f32>) -> vec4<f32> {
  var position_world = project.modelMatrix * position;

  // Work around for a Mac+NVIDIA bug:
  if (project.projectionMode == PROJECTION_MODE_WEB_MERCATOR) {
    if (project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT) {
      return vec4<f32>(
        project_mercator_(position_world.xy),
        _project_size_at_latitude_m(position_world.z, position_world.y),
        position_world.w
      );
    }
    if (project.coordinateSystem == COORDINATE_SYSTEM_CARTESIAN) {
      position_world = vec4f(position_world.xyz + project.coordinateOrigin, position_world.w);
    }
  }
  if (project.projectionMode == PROJECTION_MODE_GLOBE) {
    if (project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT) {
      return vec4<f32>(
        project_globe_(position_world.xyz),
        position_world.w
      );
    }
    if (project.coordinateSystem == COORDINATE_SYSTEM_METER_OFFSETS) {
      let enuMatrix = project_get_orientation_matrix(project.commonOrigin);
      let metersToCommon = GLOBE_RADIUS / EARTH_RADIUS;
      let offsetCommon = (enuMatrix * vec3<f32>(-position_world.x, -position_world.y, position_world.z)) * metersToCommon;
      return vec4<f32>(project.commonOrigin + offsetCommon, position_world.w);
    }
  }
  if (project.projectionMode == PROJECTION_MODE_WEB_MERCATOR_AUTO_OFFSET) {
    if (project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT) {
      if (abs(position_world.y - project.coordinateOrigin.y) > 0.25) {
        return vec4<f32>(
          project_mercator_(position_world.xy) - project.commonOrigin.xy,
          project_size_float(position_world.z),
          position_world.w
        );
      }
    }
  }
  if (project.projectionMode == PROJECTION_MODE_IDENTITY ||
      (project.projectionMode == PROJECTION_MODE_WEB_MERCATOR_AUTO_OFFSET &&
       (project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT ||
        project.coordinateSystem == COORDINATE_SYSTEM_CARTESIAN))) {
    position_world = vec4f(position_world.xyz - project.coordinateOrigin, position_world.w);
  }

  return project_offset_(position_world) +
         project_offset_(project.modelMatrix * vec4<f32>(position64Low, 0.0));
}

// Overloaded versions for different input types.
fn project_position_vec4_f32(position: vec4<f32>) -> vec4<f32> {
  return project_position_vec4_f64(position, ZERO_64_LOW);
}

fn project_position_vec3_f64(position: vec3<f32>, position64Low: vec3<f32>) -> vec3<f32> {
  let projected_position = project_position_vec4_f64(vec4<f32>(position, 1.0), position64Low);
  return projected_position.xyz;
}

fn project_position_vec3_f32(position: vec3<f32>) -> vec3<f32> {
  let projected_position = project_position_vec4_f64(vec4<f32>(position, 1.0), ZERO_64_LOW);
  return projected_position.xyz;
}

fn project_position_vec2_f32(position: vec2<f32>) -> vec2<f32> {
  let projected_position = project_position_vec4_f64(vec4<f32>(position, 0.0, 1.0), ZERO_64_LOW);
  return projected_position.xy;
}

// Transforms a common space position to clip space.
fn project_common_position_to_clipspace_with_projection(position: vec4<f32>, viewProjectionMatrix: mat4x4<f32>, center: vec4<f32>) -> vec4<f32> {
  var clipPosition = viewProjectionMatrix * position + center;
  // deck.gl projection matrices use WebGL's [-w, w] depth range; WebGPU clips z to [0, w].
  clipPosition.z = (clipPosition.z + clipPosition.w) * 0.5;
  return clipPosition;
}

// Uses the project viewProjectionMatrix and center.
fn project_common_position_to_clipspace(position: vec4<f32>) -> vec4<f32> {
  return project_common_position_to_clipspace_with_projection(position, project.viewProjectionMatrix, project.center);
}

// Returns a clip space offset corresponding to a given number of screen pixels.
fn project_pixel_size_to_clipspace(pixels: vec2<f32>) -> vec2<f32> {
  let offset = pixels / project.viewportSize * project.devicePixelRatio * 2.0;
  return offset * project.focalDistance;
}

fn project_meter_size_to_pixel(meters: f32) -> f32 {
  return project_size_float(meters) * project.scale;
}

fn project_unit_size_to_pixel(size: f32, unit: i32) -> f32 {
  if (unit == UNIT_METERS) {
    return project_meter_size_to_pixel(size);
  } else if (unit == UNIT_COMMON) {
    return size * project.scale;
  }
  // UNIT_PIXELS: no scaling applied.
  return size;
}

fn project_pixel_size_float(pixels: f32) -> f32 {
  return pixels / project.scale;
}

fn project_pixel_size_vec2(pixels: vec2<f32>) -> vec2<f32> {
  return pixels / project.scale;
}
`,nu=`\
${[`default`,`lnglat`,`meter-offsets`,`lnglat-offsets`,`cartesian`].map(e=>`const int COORDINATE_SYSTEM_${e.toUpperCase().replaceAll(`-`,`_`)} = ${Yl(e)};`).join(``)}
${Object.keys(Ll).map(e=>`const int PROJECTION_MODE_${e} = ${Ll[e]};`).join(``)}
${Object.keys(Rl).map(e=>`const int UNIT_${e.toUpperCase()} = ${Rl[e]};`).join(``)}
layout(std140) uniform projectUniforms {
bool wrapLongitude;
int coordinateSystem;
vec3 commonUnitsPerMeter;
int projectionMode;
float scale;
vec3 commonUnitsPerWorldUnit;
vec3 commonUnitsPerWorldUnit2;
vec4 center;
mat4 modelMatrix;
mat4 viewProjectionMatrix;
vec2 viewportSize;
float devicePixelRatio;
float focalDistance;
vec3 cameraPosition;
vec3 coordinateOrigin;
vec3 commonOrigin;
bool pseudoMeters;
} project;
const float TILE_SIZE = 512.0;
const float PI = 3.1415926536;
const float WORLD_SCALE = TILE_SIZE / (PI * 2.0);
const vec3 ZERO_64_LOW = vec3(0.0);
const float EARTH_RADIUS = 6370972.0;
const float GLOBE_RADIUS = 256.0;
float project_size_at_latitude(float lat) {
float y = clamp(lat, -89.9, 89.9);
return 1.0 / cos(radians(y));
}
float project_size() {
if (project.projectionMode == PROJECTION_MODE_WEB_MERCATOR &&
project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT &&
project.pseudoMeters == false) {
if (geometry.position.w == 0.0) {
return project_size_at_latitude(geometry.worldPosition.y);
}
float y = geometry.position.y / TILE_SIZE * 2.0 - 1.0;
float y2 = y * y;
float y4 = y2 * y2;
float y6 = y4 * y2;
return 1.0 + 4.9348 * y2 + 4.0587 * y4 + 1.5642 * y6;
}
return 1.0;
}
float project_size_at_latitude(float meters, float lat) {
return meters * project.commonUnitsPerMeter.z * project_size_at_latitude(lat);
}
float project_size(float meters) {
return meters * project.commonUnitsPerMeter.z * project_size();
}
vec2 project_size(vec2 meters) {
return meters * project.commonUnitsPerMeter.xy * project_size();
}
vec3 project_size(vec3 meters) {
return meters * project.commonUnitsPerMeter * project_size();
}
vec4 project_size(vec4 meters) {
return vec4(meters.xyz * project.commonUnitsPerMeter, meters.w);
}
mat3 project_get_orientation_matrix(vec3 up) {
vec3 uz = normalize(up);
vec3 ux = abs(uz.z) == 1.0 ? vec3(1.0, 0.0, 0.0) : normalize(vec3(uz.y, -uz.x, 0));
vec3 uy = cross(uz, ux);
return mat3(ux, uy, uz);
}
bool project_needs_rotation(vec3 commonPosition, out mat3 transform) {
if (project.projectionMode == PROJECTION_MODE_GLOBE) {
transform = project_get_orientation_matrix(commonPosition);
return true;
}
return false;
}
vec3 project_normal(vec3 vector) {
vec4 normal_modelspace = project.modelMatrix * vec4(vector, 0.0);
vec3 n = normalize(normal_modelspace.xyz * project.commonUnitsPerMeter);
mat3 rotation;
if (project_needs_rotation(geometry.position.xyz, rotation)) {
n = rotation * n;
}
return n;
}
vec4 project_offset_(vec4 offset) {
float dy = offset.y;
vec3 commonUnitsPerWorldUnit = project.commonUnitsPerWorldUnit + project.commonUnitsPerWorldUnit2 * dy;
return vec4(offset.xyz * commonUnitsPerWorldUnit, offset.w);
}
vec2 project_mercator_(vec2 lnglat) {
float x = lnglat.x;
if (project.wrapLongitude) {
x = mod(x + 180., 360.0) - 180.;
}
float y = clamp(lnglat.y, -89.9, 89.9);
return vec2(
radians(x) + PI,
PI + log(tan_fp32(PI * 0.25 + radians(y) * 0.5))
) * WORLD_SCALE;
}
vec3 project_globe_(vec3 lnglatz) {
float lambda = radians(lnglatz.x);
float phi = radians(lnglatz.y);
float cosPhi = cos(phi);
float D = (lnglatz.z / EARTH_RADIUS + 1.0) * GLOBE_RADIUS;
return vec3(
sin(lambda) * cosPhi,
-cos(lambda) * cosPhi,
sin(phi)
) * D;
}
vec4 project_position(vec4 position, vec3 position64Low) {
vec4 position_world = project.modelMatrix * position;
if (project.projectionMode == PROJECTION_MODE_WEB_MERCATOR) {
if (project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT) {
return vec4(
project_mercator_(position_world.xy),
project_size_at_latitude(position_world.z, position_world.y),
position_world.w
);
}
if (project.coordinateSystem == COORDINATE_SYSTEM_CARTESIAN) {
position_world.xyz += project.coordinateOrigin;
}
}
if (project.projectionMode == PROJECTION_MODE_GLOBE) {
if (project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT) {
return vec4(
project_globe_(position_world.xyz),
position_world.w
);
}
if (project.coordinateSystem == COORDINATE_SYSTEM_METER_OFFSETS) {
mat3 enuMatrix = project_get_orientation_matrix(project.commonOrigin);
float metersToCommon = GLOBE_RADIUS / EARTH_RADIUS;
vec3 offsetCommon = (enuMatrix * vec3(-position_world.xy, position_world.z)) * metersToCommon;
return vec4(project.commonOrigin + offsetCommon, position_world.w);
}
}
if (project.projectionMode == PROJECTION_MODE_WEB_MERCATOR_AUTO_OFFSET) {
if (project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT) {
if (abs(position_world.y - project.coordinateOrigin.y) > 0.25) {
return vec4(
project_mercator_(position_world.xy) - project.commonOrigin.xy,
project_size(position_world.z),
position_world.w
);
}
}
}
if (project.projectionMode == PROJECTION_MODE_IDENTITY ||
(project.projectionMode == PROJECTION_MODE_WEB_MERCATOR_AUTO_OFFSET &&
(project.coordinateSystem == COORDINATE_SYSTEM_LNGLAT ||
project.coordinateSystem == COORDINATE_SYSTEM_CARTESIAN))) {
position_world.xyz -= project.coordinateOrigin;
}
return project_offset_(position_world) + project_offset_(project.modelMatrix * vec4(position64Low, 0.0));
}
vec4 project_position(vec4 position) {
return project_position(position, ZERO_64_LOW);
}
vec3 project_position(vec3 position, vec3 position64Low) {
vec4 projected_position = project_position(vec4(position, 1.0), position64Low);
return projected_position.xyz;
}
vec3 project_position(vec3 position) {
vec4 projected_position = project_position(vec4(position, 1.0), ZERO_64_LOW);
return projected_position.xyz;
}
vec2 project_position(vec2 position) {
vec4 projected_position = project_position(vec4(position, 0.0, 1.0), ZERO_64_LOW);
return projected_position.xy;
}
vec4 project_common_position_to_clipspace(vec4 position, mat4 viewProjectionMatrix, vec4 center) {
return viewProjectionMatrix * position + center;
}
vec4 project_common_position_to_clipspace(vec4 position) {
return project_common_position_to_clipspace(position, project.viewProjectionMatrix, project.center);
}
vec2 project_pixel_size_to_clipspace(vec2 pixels) {
vec2 offset = pixels / project.viewportSize * project.devicePixelRatio * 2.0;
return offset * project.focalDistance;
}
float project_size_to_pixel(float meters) {
return project_size(meters) * project.scale;
}
vec2 project_size_to_pixel(vec2 meters) {
return project_size(meters) * project.scale;
}
float project_size_to_pixel(float size, int unit) {
if (unit == UNIT_METERS) return project_size_to_pixel(size);
if (unit == UNIT_COMMON) return size * project.scale;
return size;
}
float project_pixel_size(float pixels) {
return pixels / project.scale;
}
vec2 project_pixel_size(vec2 pixels) {
return pixels / project.scale;
}
`,ru={};function iu(e=ru){return`viewport`in e?$l(e):{}}var au={name:`project`,dependencies:[a,Js],source:tu,vs:nu,getUniforms:iu,uniformTypes:{wrapLongitude:`f32`,coordinateSystem:`i32`,commonUnitsPerMeter:`vec3<f32>`,projectionMode:`i32`,scale:`f32`,commonUnitsPerWorldUnit:`vec3<f32>`,commonUnitsPerWorldUnit2:`vec3<f32>`,center:`vec4<f32>`,modelMatrix:`mat4x4<f32>`,viewProjectionMatrix:`mat4x4<f32>`,viewportSize:`vec2<f32>`,devicePixelRatio:`f32`,focalDistance:`f32`,cameraPosition:`vec3<f32>`,coordinateOrigin:`vec3<f32>`,commonOrigin:`vec3<f32>`,pseudoMeters:`f32`}},ou={name:`project32`,dependencies:[au],source:`// Define a structure to hold both the clip-space position and the common position.
struct ProjectResult {
  clipPosition: vec4<f32>,
  commonPosition: vec4<f32>,
};

// This function mimics the GLSL version with the 'out' parameter by returning both values.
fn project_position_to_clipspace_and_commonspace(
    position: vec3<f32>,
    position64Low: vec3<f32>,
    offset: vec3<f32>
) -> ProjectResult {
  // Compute the projected position.
  let projectedPosition: vec3<f32> = project_position_vec3_f64(position, position64Low);

  // Start with the provided offset.
  var finalOffset: vec3<f32> = offset;

  // Get whether a rotation is needed and the rotation matrix.
  let rotationResult = project_needs_rotation(projectedPosition);

  // If rotation is needed, update the offset.
  if (rotationResult.needsRotation) {
    finalOffset = rotationResult.transform * offset;
  }

  // Compute the common position.
  let commonPosition: vec4<f32> = vec4<f32>(projectedPosition + finalOffset, 1.0);

  // Convert to clip-space.
  let clipPosition: vec4<f32> = project_common_position_to_clipspace(commonPosition);

  return ProjectResult(clipPosition, commonPosition);
}

// A convenience overload that returns only the clip-space position.
fn project_position_to_clipspace(
    position: vec3<f32>,
    position64Low: vec3<f32>,
    offset: vec3<f32>
) -> vec4<f32> {
  return project_position_to_clipspace_and_commonspace(position, position64Low, offset).clipPosition;
}
`,vs:`vec4 project_position_to_clipspace(
  vec3 position, vec3 position64Low, vec3 offset, out vec4 commonPosition
) {
  vec3 projectedPosition = project_position(position, position64Low);
  mat3 rotation;
  if (project_needs_rotation(projectedPosition, rotation)) {
    // offset is specified as ENU
    // when in globe projection, rotate offset so that the ground alighs with the surface of the globe
    offset = rotation * offset;
  }
  commonPosition = vec4(projectedPosition + offset, 1.0);
  return project_common_position_to_clipspace(commonPosition);
}

vec4 project_position_to_clipspace(
  vec3 position, vec3 position64Low, vec3 offset
) {
  vec4 commonPosition;
  return project_position_to_clipspace(position, position64Low, offset, commonPosition);
}
`};function su(){return[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1]}function cu(e,t){let n=ys([],t,e);return vs(n,n,1/n[3]),n}function lu(e,t,n){return e<t?t:e>n?n:e}function uu(e){return Math.log(e)*Math.LOG2E}var du=Math.log2||uu;function fu(e,t){if(!e)throw Error(t||`@math.gl/web-mercator: assertion failed.`)}var pu=Math.PI,mu=pu/4,hu=pu/180,gu=180/pu,_u=512,vu=4003e4,yu=85.051129,bu=1.5;function xu(e){return du(e)}function Su(e){let[t,n]=e;fu(Number.isFinite(t)),fu(Number.isFinite(n)&&n>=-90&&n<=90,`invalid latitude`);let r=t*hu,i=n*hu;return[_u*(r+pu)/(2*pu),_u*(pu+Math.log(Math.tan(mu+i*.5)))/(2*pu)]}function Cu(e){let[t,n]=e,r=t/_u*(2*pu)-pu,i=2*(Math.atan(Math.exp(n/_u*(2*pu)-pu))-mu);return[r*gu,i*gu]}function wu(e){let{latitude:t}=e;return fu(Number.isFinite(t)),xu(vu*Math.cos(t*hu))-9}function Tu(e){let t=Math.cos(e*hu);return _u/vu/t}function Eu(e){let{latitude:t,longitude:n,highPrecision:r=!1}=e;fu(Number.isFinite(t)&&Number.isFinite(n));let i=_u,a=Math.cos(t*hu),o=i/360,s=o/a,c=i/vu/a,l={unitsPerMeter:[c,c,c],metersPerUnit:[1/c,1/c,1/c],unitsPerDegree:[o,s,c],degreesPerUnit:[1/o,1/s,1/c]};if(r){let e=hu*Math.tan(t*hu)/a,n=o*e/2,r=i/vu*e,u=r/s*c;l.unitsPerDegree2=[0,n,r],l.unitsPerMeter2=[u,0,u]}return l}function Du(e,t){let[n,r,i]=e,[a,o,s]=t,{unitsPerMeter:c,unitsPerMeter2:l}=Eu({longitude:n,latitude:r,highPrecision:!0}),u=Su(e);u[0]+=a*(c[0]+l[0]*o),u[1]+=o*(c[1]+l[1]*o);let d=Cu(u),f=(i||0)+(s||0);return Number.isFinite(i)||Number.isFinite(s)?[d[0],d[1],f]:d}function Ou(e){let{height:t,pitch:n,bearing:r,altitude:i,scale:a,center:o}=e,s=su();is(s,s,[0,0,-i]),ss(s,s,-n*hu),ls(s,s,r*hu);let c=a/t;return as(s,s,[c,c,c]),o&&is(s,s,Ro([],o)),s}function ku(e){let{width:t,height:n,altitude:r,pitch:i=0,offset:a,center:o,scale:s,nearZMultiplier:c=1,farZMultiplier:l=1}=e,{fovy:u=Au(bu)}=e;r!==void 0&&(u=Au(r));let d=u*hu,f=i*hu,p=ju(u),m=p;o&&(m+=o[2]*s/Math.cos(f)/n);let h=d*(.5+(a?a[1]:0)/n),g=Math.sin(h)*m/Math.sin(lu(Math.PI/2-f-h,.01,Math.PI-.01)),_=Math.sin(f)*g+m,v=m*10,y=Math.min(_*l,v);return{fov:d,aspect:t/n,focalDistance:p,near:c,far:y}}function Au(e){return 2*Math.atan(.5/e)*gu}function ju(e){return .5/Math.tan(.5*e*hu)}function Mu(e,t){let[n,r,i=0]=e;return fu(Number.isFinite(n)&&Number.isFinite(r)&&Number.isFinite(i)),cu(t,[n,r,i,1])}function Nu(e,t,n=0){let[r,i,a]=e;if(fu(Number.isFinite(r)&&Number.isFinite(i),`invalid pixel coordinate`),Number.isFinite(a))return cu(t,[r,i,a,1]);let o=cu(t,[r,i,0,1]),s=cu(t,[r,i,1,1]),c=o[2],l=s[2];return Ao([],o,s,c===l?0:((n||0)-c)/(l-c))}function Pu(e){let{width:t,height:n,bounds:r,minExtent:i=0,maxZoom:a=24,offset:o=[0,0]}=e,[[s,c],[l,u]]=r,d=Fu(e.padding),f=Su([s,lu(u,-yu,yu)]),p=Su([l,lu(c,-yu,yu)]),m=[Math.max(Math.abs(p[0]-f[0]),i),Math.max(Math.abs(p[1]-f[1]),i)],h=[t-d.left-d.right-Math.abs(o[0])*2,n-d.top-d.bottom-Math.abs(o[1])*2];fu(h[0]>0&&h[1]>0);let g=h[0]/m[0],_=h[1]/m[1],v=(d.right-d.left)/2/g,y=(d.top-d.bottom)/2/_,b=Cu([(p[0]+f[0])/2+v,(p[1]+f[1])/2+y]),x=Math.min(a,du(Math.abs(Math.min(g,_))));return fu(Number.isFinite(x)),{longitude:b[0],latitude:b[1],zoom:x}}function Fu(e=0){return typeof e==`number`?{top:e,bottom:e,left:e,right:e}:(fu(Number.isFinite(e.top)&&Number.isFinite(e.bottom)&&Number.isFinite(e.left)&&Number.isFinite(e.right)),e)}var Iu=Math.PI/180;function Lu(e,t=0){let{width:n,height:r,unproject:i}=e,a={targetZ:t},o=i([0,r],a),s=i([n,r],a),c,l;return(e.fovy?.5*e.fovy*Iu:Math.atan(.5/e.altitude))>(90-e.pitch)*Iu-.01?(c=Ru(e,0,t),l=Ru(e,n,t)):(c=i([0,0],a),l=i([n,0],a)),[o,s,l,c]}function Ru(e,t,n){let{pixelUnprojectionMatrix:r}=e,i=cu(r,[t,0,1,1]),a=cu(r,[t,e.height,1,1]),o=Cu(Ao([],i,a,(n*e.distanceScales.unitsPerMeter[2]-i[2])/(a[2]-i[2])));return o.push(n),o}var zu=`
layout(std140) uniform shadowUniforms {
  bool drawShadowMap;
  bool useShadowMap;
  vec4 color;
  highp int lightId;
  float lightCount;
  mat4 viewProjectionMatrix0;
  mat4 viewProjectionMatrix1;
  vec4 projectCenter0;
  vec4 projectCenter1;
} shadow;
`,Bu=`
${zu}

const int max_lights = 2;

out vec3 shadow_vPosition[max_lights];

vec4 shadow_setVertexPosition(vec4 position_commonspace) {
  mat4 viewProjectionMatrices[max_lights];
  viewProjectionMatrices[0] = shadow.viewProjectionMatrix0;
  viewProjectionMatrices[1] = shadow.viewProjectionMatrix1;
  vec4 projectCenters[max_lights];
  projectCenters[0] = shadow.projectCenter0;
  projectCenters[1] = shadow.projectCenter1;

  if (shadow.drawShadowMap) {
    return project_common_position_to_clipspace(position_commonspace, viewProjectionMatrices[shadow.lightId], projectCenters[shadow.lightId]);
  }
  if (shadow.useShadowMap) {
    for (int i = 0; i < max_lights; i++) {
      if(i < int(shadow.lightCount)) {
        vec4 shadowMap_position = project_common_position_to_clipspace(position_commonspace, viewProjectionMatrices[i], projectCenters[i]);
        shadow_vPosition[i] = (shadowMap_position.xyz / shadowMap_position.w + 1.0) / 2.0;
      }
    }
  }
  return gl_Position;
}

`,Vu=`
${zu}

const int max_lights = 2;
uniform sampler2D shadow_uShadowMap0;
uniform sampler2D shadow_uShadowMap1;

in vec3 shadow_vPosition[max_lights];

const vec4 bitPackShift = vec4(1.0, 255.0, 65025.0, 16581375.0);
const vec4 bitUnpackShift = 1.0 / bitPackShift;
const vec4 bitMask = vec4(1.0 / 255.0, 1.0 / 255.0, 1.0 / 255.0,  0.0);

float shadow_getShadowWeight(vec3 position, sampler2D shadowMap) {
  vec4 rgbaDepth = texture(shadowMap, position.xy);

  float z = dot(rgbaDepth, bitUnpackShift);
  return smoothstep(0.001, 0.01, position.z - z);
}

vec4 shadow_filterShadowColor(vec4 color) {
  if (shadow.drawShadowMap) {
    vec4 rgbaDepth = fract(gl_FragCoord.z * bitPackShift);
    rgbaDepth -= rgbaDepth.gbaa * bitMask;
    return rgbaDepth;
  }
  if (shadow.useShadowMap) {
    float shadowAlpha = 0.0;
    shadowAlpha += shadow_getShadowWeight(shadow_vPosition[0], shadow_uShadowMap0);
    if(shadow.lightCount > 1.0) {
      shadowAlpha += shadow_getShadowWeight(shadow_vPosition[1], shadow_uShadowMap1);
    }
    shadowAlpha *= shadow.color.a / shadow.lightCount;
    float blendedAlpha = shadowAlpha + color.a * (1.0 - shadowAlpha);

    return vec4(
      mix(color.rgb, shadow.color.rgb, shadowAlpha / blendedAlpha),
      blendedAlpha
    );
  }
  return color;
}

`,Hu=Hl(qu),Uu=Hl(Ju),Wu=[0,0,0,1],Gu=[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,0];function Ku(e,t){let[n,r,i]=e,a=Nu([n,r,i],t);return Number.isFinite(i)?a:[a[0],a[1],0]}function qu({viewport:e,center:t}){return new V(e.viewProjectionMatrix).invert().transform(t)}function Ju({viewport:e,shadowMatrices:t}){let n=[],r=e.pixelUnprojectionMatrix,i=e.isGeospatial?void 0:1,a=[[0,0,i],[e.width,0,i],[0,e.height,i],[e.width,e.height,i],[0,0,-1],[e.width,0,-1],[0,e.height,-1],[e.width,e.height,-1]].map(e=>Ku(e,r));for(let r of t){let t=r.clone().translate(new Zo(e.center).negate()),i=a.map(e=>t.transform(e)),o=new V().ortho({left:Math.min(...i.map(e=>e[0])),right:Math.max(...i.map(e=>e[0])),bottom:Math.min(...i.map(e=>e[1])),top:Math.max(...i.map(e=>e[1])),near:Math.min(...i.map(e=>-e[2])),far:Math.max(...i.map(e=>-e[2]))});n.push(o.multiplyRight(r))}return n}function Yu(e){let{shadowEnabled:t=!0,project:n}=e;if(!t||!n||!e.shadowMatrices||!e.shadowMatrices.length)return{drawShadowMap:!1,useShadowMap:!1,shadow_uShadowMap0:e.dummyShadowMap,shadow_uShadowMap1:e.dummyShadowMap};let r=au.getUniforms(n),i=Hu({viewport:n.viewport,center:r.center}),a=[],o=Uu({shadowMatrices:e.shadowMatrices,viewport:n.viewport}).slice();for(let t=0;t<e.shadowMatrices.length;t++){let e=o[t],s=e.clone().translate(new Zo(n.viewport.center).negate());r.coordinateSystem===Yl(`lnglat`)&&r.projectionMode===Ll.WEB_MERCATOR?(o[t]=s,a[t]=i):(o[t]=e.clone().multiplyRight(Gu),a[t]=s.transform(i))}let s={drawShadowMap:!!e.drawToShadowMap,useShadowMap:e.shadowMaps?e.shadowMaps.length>0:!1,color:e.shadowColor||Wu,lightId:e.shadowLightId||0,lightCount:e.shadowMatrices.length,shadow_uShadowMap0:e.dummyShadowMap,shadow_uShadowMap1:e.dummyShadowMap};for(let e=0;e<o.length;e++)s[`viewProjectionMatrix${e}`]=o[e],s[`projectCenter${e}`]=a[e];for(let t=0;t<2;t++)s[`shadow_uShadowMap${t}`]=e.shadowMaps&&e.shadowMaps[t]||e.dummyShadowMap;return s}var Xu={name:`shadow`,dependencies:[au],vs:Bu,fs:Vu,inject:{"vs:DECKGL_FILTER_GL_POSITION":`
    position = shadow_setVertexPosition(geometry.position);
    `,"fs:DECKGL_FILTER_COLOR":`
    color = shadow_filterShadowColor(color);
    `},getUniforms:Yu,uniformTypes:{drawShadowMap:`f32`,useShadowMap:`f32`,color:`vec4<f32>`,lightId:`i32`,lightCount:`f32`,viewProjectionMatrix0:`mat4x4<f32>`,viewProjectionMatrix1:`mat4x4<f32>`,projectCenter0:`vec4<f32>`,projectCenter1:`vec4<f32>`}},Zu=16777215;function Qu(e,t){e.length===10?I.warn(`pickMultipleObjects can only exclude 10 previously picked objects for layers without picking buffers`)():e.push(t)}var $u=`  float disabledPickingIndexCount;
  vec4 disabledPickingIndices0;
  vec4 disabledPickingIndices1;
  vec4 disabledPickingIndices2;
`;function ed(e){return e.replace(`  vec4 highlightColor;
} picking;`,`  vec4 highlightColor;\n${$u}} picking;`)}function td(e,t){return[e[t]||0,e[t+1]||0,e[t+2]||0,e[t+3]||0]}var nd=`\
vec3 picking_getPickingColorFromIndex(float objectIndex) {
  if (objectIndex < 0.0 || objectIndex >= ${Zu}.0) {
    return vec3(0.0);
  }

  for (int i = 0; i < 10; i++) {
    if (float(i) >= picking.disabledPickingIndexCount) {
      break;
    }
    vec4 disabledIndices = i < 4
      ? picking.disabledPickingIndices0
      : (i < 8 ? picking.disabledPickingIndices1 : picking.disabledPickingIndices2);
    float disabledIndex = disabledIndices[i - (i / 4) * 4];
    if (disabledIndex == objectIndex) {
      return vec3(0.0);
    }
  }

  float encodedIndex = objectIndex + 1.0;
  return vec3(
    mod(encodedIndex, 256.0),
    mod(floor(encodedIndex / 256.0), 256.0),
    mod(floor(encodedIndex / 65536.0), 256.0)
  );
}

vec3 picking_getPickingColorFromIndex(uint objectIndex) {
  return picking_getPickingColorFromIndex(float(objectIndex));
}

vec3 picking_getPickingColorFromInstanceID() {
  return picking_getPickingColorFromIndex(float(gl_InstanceID));
}

void picking_setPickingColorFromInstanceID() {
  picking_setPickingColor(picking_getPickingColorFromInstanceID());
}
`,rd=`\
struct pickingUniforms {
  isActive: f32,
  isAttribute: f32,
  isHighlightActive: f32,
  useByteColors: f32,
  highlightedObjectColor: vec3<f32>,
  highlightColor: vec4<f32>,
  disabledPickingIndexCount: f32,
  disabledPickingIndices0: vec4<f32>,
  disabledPickingIndices1: vec4<f32>,
  disabledPickingIndices2: vec4<f32>,
};

@group(0) @binding(auto) var<uniform> picking: pickingUniforms;

fn picking_normalizeColor(color: vec3<f32>) -> vec3<f32> {
  return select(color, color / 255.0, picking.useByteColors > 0.5);
}

fn picking_normalizeColor4(color: vec4<f32>) -> vec4<f32> {
  return select(color, color / 255.0, picking.useByteColors > 0.5);
}

fn picking_isColorZero(color: vec3<f32>) -> bool {
  return dot(color, vec3<f32>(1.0)) < 0.00001;
}

fn picking_isColorValid(color: vec3<f32>) -> bool {
  return dot(color, vec3<f32>(1.0)) > 0.00001;
}

fn picking_getPickingColorFromIndex(objectIndex: u32) -> vec3<f32> {
  if (objectIndex >= ${Zu}u) {
    return vec3<f32>(0.0);
  }

  for (var i = 0; i < 10; i = i + 1) {
    if (f32(i) >= picking.disabledPickingIndexCount) {
      break;
    }
    let disabledIndices = select(
      picking.disabledPickingIndices2,
      select(picking.disabledPickingIndices1, picking.disabledPickingIndices0, i < 4),
      i < 8
    );
    let disabledIndex = disabledIndices[i % 4];
    if (disabledIndex == f32(objectIndex)) {
      return vec3<f32>(0.0);
    }
  }

  let encodedIndex = objectIndex + 1u;
  return vec3<f32>(
    f32(encodedIndex % 256u),
    f32((encodedIndex / 256u) % 256u),
    f32((encodedIndex / 65536u) % 256u)
  ) / 255.0;
}
`,id={...Bs,vs:`${ed(Bs.vs)}\n${nd}`,fs:ed(Bs.fs),source:rd,uniformTypes:{...Bs.uniformTypes,disabledPickingIndexCount:`f32`,disabledPickingIndices0:`vec4<f32>`,disabledPickingIndices1:`vec4<f32>`,disabledPickingIndices2:`vec4<f32>`},defaultUniforms:{...Bs.defaultUniforms,useByteColors:!0,disabledPickingIndexCount:0,disabledPickingIndices0:[0,0,0,0],disabledPickingIndices1:[0,0,0,0],disabledPickingIndices2:[0,0,0,0]},getUniforms(e,t){let n=Bs.getUniforms(e,t),r=e.disabledPickingIndices||[];return n.disabledPickingIndexCount=r.length,n.disabledPickingIndices0=td(r,0),n.disabledPickingIndices1=td(r,4),n.disabledPickingIndices2=td(r,8),n},inject:{"vs:DECKGL_FILTER_GL_POSITION":`
    // for picking depth values
    picking_setPickingAttribute(position.z / position.w);
  `,"vs:DECKGL_FILTER_COLOR":`
  picking_setPickingColor(geometry.pickingColor);
  `,"fs:DECKGL_FILTER_COLOR":{order:99,injection:`
  // use highlight color if this fragment belongs to the selected object.
  color = picking_filterHighlightColor(color);

  // use picking color if rendering to picking FBO.
  color = picking_filterPickingColor(color);
    `}}},ad=[Js],od=[`vs:DECKGL_FILTER_SIZE(inout vec3 size, VertexGeometry geometry)`,`vs:DECKGL_FILTER_GL_POSITION(inout vec4 position, VertexGeometry geometry)`,`vs:DECKGL_FILTER_COLOR(inout vec4 color, VertexGeometry geometry)`,`fs:DECKGL_FILTER_COLOR(inout vec4 color, FragmentGeometry geometry)`],sd=[];function cd(e){let t=T.getDefaultShaderAssembler(e);for(let e of ad)t.addDefaultModule(e);t._hookFunctions.length=0;let n=e===`glsl`?od:sd;for(let e of n)t.addShaderHook(e);return t}var ld=[255,255,255],ud=1,dd=0,fd=class{constructor(e={}){this.type=`ambient`;let{color:t=ld}=e,{intensity:n=ud}=e;this.id=e.id||`ambient-${dd++}`,this.color=t,this.intensity=n}},pd=[255,255,255],md=1,hd=[0,0,-1],gd=0,_d=class{constructor(e={}){this.type=`directional`;let{color:t=pd}=e,{intensity:n=md}=e,{direction:r=hd}=e,{_shadow:i=!1}=e;this.id=e.id||`directional-${gd++}`,this.color=t,this.intensity=n,this.type=`directional`,this.direction=new Zo(r).normalize().toArray(),this.shadow=i}getProjectedLight(e){return this}},vd=class{constructor(e,t={id:`pass`}){let{id:n}=t;this.id=n,this.device=e,this.props={...t}}setProps(e){Object.assign(this.props,e)}render(e){}cleanup(){}},yd={depthWriteEnabled:!0,depthCompare:`less-equal`,blendColorOperation:`add`,blendColorSrcFactor:`one`,blendColorDstFactor:`one-minus-src-alpha`,blendAlphaOperation:`add`,blendAlphaSrcFactor:`one`,blendAlphaDstFactor:`one-minus-src-alpha`},bd=class extends vd{constructor(){super(...arguments),this._lastRenderIndex=-1}render(e){this._render(e)}_render(e){let{canvasContext:t=this.device.canvasContext}=e,n=e.target??t.getCurrentFramebuffer(),[r,i]=t.getDrawingBufferSize(),a=e.clearCanvas??!0,o=e.clearColor??(a?[0,0,0,0]:!1),s=a?1:!1,c=a?0:!1,l=e.colorMask??15,u={viewport:[0,0,r,i]};e.colorMask&&(u.colorMask=l),e.scissorRect&&(u.scissorRect=e.scissorRect);let{shaderModuleProps:d,viewports:f,views:p,onViewportActive:m,clearStack:h=!0}=e,g=e.pass||`unknown`,_=this.device.type===`webgpu`;h&&(this._lastRenderIndex=-1);let v=[];if(!f.length)return this.device.beginRenderPass({framebuffer:n,parameters:u,clearColor:o,clearDepth:s,clearStencil:c}).end(),this.device.submit(),v;try{for(let r of f){m?.(r);let i=this._getDrawLayerParams(r,e),a=p&&p[r.id],l=r.subViewports||[r],f=_?l.map(e=>[e]):[l];for(let r of f){let l=this.device.beginRenderPass({framebuffer:n,parameters:u,clearColor:o,clearDepth:s,clearStencil:c});try{for(let o of r){let r=this._drawLayersInViewport(l,{target:n,canvasContext:t,shaderModuleProps:d,viewport:o,view:a,pass:g,layers:e.layers,isPicking:e.isPicking},i);v.push(r)}}finally{l.end(),_&&this.device.submit()}o=!1,s=!1,c=!1}}return v}finally{_||this.device.submit()}}_getDrawLayerParams(e,{layers:t,pass:n,isPicking:r=!1,layerFilter:i,cullRect:a,views:o,effects:s,canvasContext:c=this.device.canvasContext,shaderModuleProps:l},u=!1){let d=[],f=xd(this._lastRenderIndex+1),p={layer:t[0],viewport:e,isPicking:r,renderPass:n,cullRect:a},m={};for(let r=0;r<t.length;r++){let a=t[r],h=this._shouldDrawLayer(a,p,i,m),g={shouldDrawLayer:h};h&&!u&&(g.shouldDrawLayer=!0,g.layerRenderIndex=f(a,h),g.shaderModuleProps=this._getShaderModuleProps(a,s,n,c,l),g.layerParameters={...a.context.device.type===`webgpu`?yd:null,...a.context.deck?.props.parameters,...o?.[e.id]?.props.parameters,...this.getLayerParameters(a,r,e)}),d[r]=g}return d}_drawLayersInViewport(e,{layers:t,shaderModuleProps:n,pass:r,target:i,canvasContext:a,viewport:o,view:s,isPicking:c},l){let u=Sd(this.device,{canvasContext:a,shaderModuleProps:n,target:i,viewport:o});if(s){let{clear:e,clearColor:t,clearDepth:n,clearStencil:r}=s.props;if(e){let e=[0,0,0,0],a=1,o=0;Array.isArray(t)&&!c?e=[...t.slice(0,3),t[3]||255].map(e=>e/255):t===!1&&(e=!1),n!==void 0&&(a=n),r!==void 0&&(o=r),this.device.beginRenderPass({framebuffer:i,parameters:{viewport:u,scissorRect:u},clearColor:e,clearDepth:a,clearStencil:o}).end()}}let d={totalCount:t.length,visibleCount:0,compositeCount:0,pickableCount:0};e.setParameters({viewport:u});for(let n=0;n<t.length;n++){let i=t[n],a=l[n],{shouldDrawLayer:s}=a;if(s&&i.props.pickable&&d.pickableCount++,i.isComposite&&d.compositeCount++,i.isDrawable&&a.shouldDrawLayer){let{layerRenderIndex:t,shaderModuleProps:n,layerParameters:s}=a;d.visibleCount++,this._lastRenderIndex=Math.max(this._lastRenderIndex,t),n.project&&(n.project.viewport=o),i.context.renderPass=e;try{i._drawLayer({renderPass:e,shaderModuleProps:n,uniforms:{layerIndex:t},parameters:s})}catch(e){i.raiseError(e,`drawing ${i} to ${r}`)}}}return d}shouldDrawLayer(e){return!0}getShaderModuleProps(e,t,n){return null}getLayerParameters(e,t,n){return e.props.parameters}_shouldDrawLayer(e,t,n,r){if(!(e.props.visible&&this.shouldDrawLayer(e)))return!1;t.layer=e;let i=e.parent;for(;i;){if(!i.props.visible||!i.filterSubLayer(t))return!1;t.layer=i,i=i.parent}if(n){let e=t.layer.id;if(e in r||(r[e]=n(t)),!r[e])return!1}return e.activateViewport(t.viewport),!0}_getShaderModuleProps(e,t,n,r,i){let a=r.cssToDeviceRatio(),o=e.internalState?.propsInTransition||e.props,s={layer:o,picking:{isActive:!1},project:{viewport:e.context.viewport,devicePixelRatio:a,modelMatrix:o.modelMatrix,coordinateSystem:o.coordinateSystem,coordinateOrigin:o.coordinateOrigin,autoWrapLongitude:e.wrapLongitude}};if(t)for(let n of t)Cd(s,n.getShaderModuleProps?.(e,s));for(let t of e.context.defaultShaderModules)t.name in s||(s[t.name]={});return Cd(s,this.getShaderModuleProps(e,t,s),i)}};function xd(e=0,t={}){let n={},r=(i,a)=>{let o=i.props._offset,s=i.id,c=i.parent&&i.parent.id,l;if(c&&!(c in t)&&r(i.parent,!1),c in n){let e=n[c]=n[c]||xd(t[c],t);l=e(i,a),n[s]=e}else Number.isFinite(o)?(l=o+(t[c]||0),n[s]=null):l=e;return a&&l>=e&&(e=l+1),t[s]=l,l};return r}function Sd(e,{canvasContext:t=e.canvasContext,shaderModuleProps:n,target:r,viewport:i}){let a=n?.project?.devicePixelRatio??t.cssToDeviceRatio(),[,o]=t.getDrawingBufferSize(),s=r?r.height:o,c=i;return[c.x*a,s-(c.y+c.height)*a,c.width*a,c.height*a]}function Cd(e,...t){for(let n of t)if(n)for(let t in n)e[t]?Object.assign(e[t],n[t]):e[t]=n[t];return e}var wd=class extends bd{constructor(e,t){super(e,t);let n=e.createTexture({format:`rgba8unorm`,width:1,height:1,sampler:{minFilter:`linear`,magFilter:`linear`,addressModeU:`clamp-to-edge`,addressModeV:`clamp-to-edge`}}),r=e.createTexture({format:`depth16unorm`,width:1,height:1});this.fbo=e.createFramebuffer({id:`shadowmap`,width:1,height:1,colorAttachments:[n],depthStencilAttachment:r})}delete(){this.fbo&&=(this.fbo.destroy(),null)}getShadowMap(){return this.fbo.colorAttachments[0].texture}render(e){let t=this.fbo,n=this.device.canvasContext.cssToDeviceRatio(),r=e.viewports[0],i=r.width*n,a=r.height*n,o=[1,1,1,1];(i!==t.width||a!==t.height)&&t.resize({width:i,height:a}),super.render({...e,clearColor:o,target:t,pass:`shadow`})}getLayerParameters(e,t,n){return{...e.props.parameters,blend:!1,depthWriteEnabled:!0,depthCompare:`less-equal`}}shouldDrawLayer(e){return e.props.shadowEnabled!==!1}getShaderModuleProps(e,t,n){return{shadow:{project:n.project,drawToShadowMap:!0}}}},Td={color:[255,255,255],intensity:1},Ed=[{color:[255,255,255],intensity:1,direction:[-1,3,-1]},{color:[255,255,255],intensity:.9,direction:[1,-8,-2.5]}],Dd=[0,0,0,200/255],Od=class{constructor(e={}){this.id=`lighting-effect`,this.shadowColor=Dd,this.shadow=!1,this.directionalLights=[],this.pointLights=[],this.shadowPasses=[],this.dummyShadowMap=null,this.setProps(e)}setup(e){this.context=e;let{device:t,deck:n}=e;this.shadow&&!this.dummyShadowMap&&(this._createShadowPasses(t),n._addDefaultShaderModule(Xu),this.dummyShadowMap=t.createTexture({width:1,height:1}))}setProps(e){this.ambientLight=void 0,this.directionalLights=[],this.pointLights=[];for(let t in e){let n=e[t];switch(n.type){case`ambient`:this.ambientLight=n;break;case`directional`:this.directionalLights.push(n);break;case`point`:this.pointLights.push(n)}}this._applyDefaultLights(),this.shadow=this.directionalLights.some(e=>e.shadow),this.context&&this.setup(this.context),this.props=e}preRender({layers:e,layerFilter:t,viewports:n,onViewportActive:r,views:i}){if(this.shadow){this.shadowMatrices=this._calculateMatrices();for(let a=0;a<this.shadowPasses.length;a++)this.shadowPasses[a].render({layers:e,layerFilter:t,viewports:n,onViewportActive:r,views:i,shaderModuleProps:{shadow:{shadowLightId:a,dummyShadowMap:this.dummyShadowMap,shadowMatrices:this.shadowMatrices}}})}}getShaderModuleProps(e,t){let n=this.shadow?{project:t.project,shadowMaps:this.shadowPasses.map(e=>e.getShadowMap()),dummyShadowMap:this.dummyShadowMap,shadowColor:this.shadowColor,shadowMatrices:this.shadowMatrices}:{},r={enabled:!0,lights:this._getLights(e)},i=e.props.material;return{shadow:n,lighting:r,phongMaterial:i,gouraudMaterial:i}}cleanup(e){for(let e of this.shadowPasses)e.delete();this.shadowPasses.length=0,this.dummyShadowMap&&(this.dummyShadowMap.destroy(),this.dummyShadowMap=null,e.deck._removeDefaultShaderModule(Xu))}_calculateMatrices(){let e=[];for(let t of this.directionalLights){let n=new V().lookAt({eye:new Zo(t.direction).negate()});e.push(n)}return e}_createShadowPasses(e){for(let t=0;t<this.directionalLights.length;t++){let n=new wd(e);this.shadowPasses[t]=n}}_applyDefaultLights(){let{ambientLight:e,pointLights:t,directionalLights:n}=this;!e&&t.length===0&&n.length===0&&(this.ambientLight=new fd(Td),this.directionalLights.push(new _d(Ed[0]),new _d(Ed[1])))}_getLights(e){let t=[];this.ambientLight&&t.push(this.ambientLight);for(let n of this.pointLights)t.push(n.getProjectedLight({layer:e}));for(let n of this.directionalLights)t.push(n.getProjectedLight({layer:e}));return t}},kd=new class{constructor(e={}){this._pool=[],this.opts={overAlloc:2,poolSize:100},this.setOptions(e)}setOptions(e){Object.assign(this.opts,e)}allocate(e,t,{size:n=1,type:r,padding:i=0,copy:a=!1,initialize:o=!1,maxCount:s}){let c=r||e&&e.constructor||Float32Array,l=t*n+i;if(ArrayBuffer.isView(e)){if(l<=e.length)return e;if(l*e.BYTES_PER_ELEMENT<=e.buffer.byteLength)return new c(e.buffer,0,l)}let u=1/0;s&&(u=s*n+i);let d=this._allocate(c,l,o,u);return e&&a?d.set(e):o||d.fill(0,0,4),this._release(e),d}release(e){this._release(e)}_allocate(e,t,n,r){let i=Math.max(Math.ceil(t*this.opts.overAlloc),1);i>r&&(i=r);let a=this._pool,o=e.BYTES_PER_ELEMENT*i,s=a.findIndex(e=>e.byteLength>=o);if(s>=0){let t=new e(a.splice(s,1)[0],0,i);return n&&t.fill(0),t}return new e(i)}_release(e){if(!ArrayBuffer.isView(e))return;let t=this._pool,{buffer:n}=e,{byteLength:r}=n,i=t.findIndex(e=>e.byteLength>=r);i<0?t.push(n):(i>0||t.length<this.opts.poolSize)&&t.splice(i,0,n),t.length>this.opts.poolSize&&t.shift()}};function Ad(){return[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1]}function jd(e,t){let n=e%t;return n<0?t+n:n}function Md(e){return[e[12],e[13],e[14]]}function Nd(e){let t=e[10],n=e[14];return{near:n/(t-1),far:n/(t+1)}}function Pd(e){return{left:Id(e[3]+e[0],e[7]+e[4],e[11]+e[8],e[15]+e[12]),right:Id(e[3]-e[0],e[7]-e[4],e[11]-e[8],e[15]-e[12]),bottom:Id(e[3]+e[1],e[7]+e[5],e[11]+e[9],e[15]+e[13]),top:Id(e[3]-e[1],e[7]-e[5],e[11]-e[9],e[15]-e[13]),near:Id(e[3]+e[2],e[7]+e[6],e[11]+e[10],e[15]+e[14]),far:Id(e[3]-e[2],e[7]-e[6],e[11]-e[10],e[15]-e[14])}}var Fd=new Zo;function Id(e,t,n,r){Fd.set(e,t,n);let i=Fd.len();return{distance:r/i,normal:new Zo(-e/i,-t/i,-n/i)}}function Ld(e){return e-Math.fround(e)}var Rd;function zd(e,t){let{size:n=1,startIndex:r=0}=t,i=t.endIndex===void 0?e.length:t.endIndex,a=(i-r)/n;Rd=kd.allocate(Rd,a,{type:Float32Array,size:n*2});let o=r,s=0;for(;o<i;){for(let t=0;t<n;t++){let r=e[o++];Rd[s+t]=r,Rd[s+t+n]=Ld(r)}s+=n*2}return Rd.subarray(0,a*n*2)}function Bd(e){let t=null,n=!1;for(let r of e)r&&(t?(n||=(t=[[t[0][0],t[0][1]],[t[1][0],t[1][1]]],!0),t[0][0]=Math.min(t[0][0],r[0][0]),t[0][1]=Math.min(t[0][1],r[0][1]),t[1][0]=Math.max(t[1][0],r[1][0]),t[1][1]=Math.max(t[1][1],r[1][1])):t=r);return t}var Vd=Math.PI/180,Hd=Ad(),Ud=[0,0,0],Wd={unitsPerMeter:[1,1,1],metersPerUnit:[1,1,1]};function Gd({width:e,height:t,orthographic:n,fovyRadians:r,focalDistance:i,padding:a,near:o,far:s}){let c=e/t,l=n?new V().orthographic({fovy:r,aspect:c,focalDistance:i,near:o,far:s}):new V().perspective({fovy:r,aspect:c,near:o,far:s});if(a){let{left:n=0,right:r=0,top:i=0,bottom:o=0}=a,s=z((n+e-r)/2,0,e)-e/2,c=z((i+t-o)/2,0,t)-t/2;l[8]-=s*2/e,l[9]+=c*2/t}return l}var Kd=class e{constructor(e={}){this._frustumPlanes={},this.id=e.id||this.constructor.displayName||`viewport`,this.x=e.x||0,this.y=e.y||0,this.width=e.width||1,this.height=e.height||1,this.zoom=e.zoom||0,this.padding=e.padding,this.distanceScales=e.distanceScales||Wd,this.focalDistance=e.focalDistance||1,this.position=e.position||Ud,this.modelMatrix=e.modelMatrix||null;let{longitude:t,latitude:n}=e;this.isGeospatial=Number.isFinite(n)&&Number.isFinite(t),this._initProps(e),this._initMatrices(e),this.equals=this.equals.bind(this),this.project=this.project.bind(this),this.unproject=this.unproject.bind(this),this.projectPosition=this.projectPosition.bind(this),this.unprojectPosition=this.unprojectPosition.bind(this),this.projectFlat=this.projectFlat.bind(this),this.unprojectFlat=this.unprojectFlat.bind(this)}get subViewports(){return null}get metersPerPixel(){return this.distanceScales.metersPerUnit[2]/this.scale}get projectionMode(){return this.isGeospatial?this.zoom<12?Ll.WEB_MERCATOR:Ll.WEB_MERCATOR_AUTO_OFFSET:Ll.IDENTITY}equals(t){return t instanceof e?this===t||t.width===this.width&&t.height===this.height&&t.scale===this.scale&&t.projectionMode===this.projectionMode&&t.resolution===this.resolution&&go(t.distanceScales.unitsPerMeter,this.distanceScales.unitsPerMeter)&&go(t.projectionMatrix,this.projectionMatrix)&&go(t.viewMatrix,this.viewMatrix):!1}project(e,{topLeft:t=!0}={}){let n=Mu(this.projectPosition(e),this.pixelProjectionMatrix),[r,i]=n,a=t?i:this.height-i;return e.length===2?[r,a]:[r,a,n[2]]}unproject(e,{topLeft:t=!0,targetZ:n}={}){let[r,i,a]=e,o=t?i:this.height-i,s=n&&n*this.distanceScales.unitsPerMeter[2],c=Nu([r,o,a],this.pixelUnprojectionMatrix,s),[l,u,d]=this.unprojectPosition(c);return Number.isFinite(a)?[l,u,d]:Number.isFinite(n)?[l,u,n]:[l,u]}projectPosition(e){let[t,n]=this.projectFlat(e);return[t,n,(e[2]||0)*this.distanceScales.unitsPerMeter[2]]}unprojectPosition(e){let[t,n]=this.unprojectFlat(e);return[t,n,(e[2]||0)*this.distanceScales.metersPerUnit[2]]}projectFlat(e){if(this.isGeospatial){let t=Su(e);return t[1]=z(t[1],-318,830),t}return e}unprojectFlat(e){return this.isGeospatial?Cu(e):e}getBounds(e={}){let t={targetZ:e.z||0},n=this.unproject([0,0],t),r=this.unproject([this.width,0],t),i=this.unproject([0,this.height],t),a=this.unproject([this.width,this.height],t);return[Math.min(n[0],r[0],i[0],a[0]),Math.min(n[1],r[1],i[1],a[1]),Math.max(n[0],r[0],i[0],a[0]),Math.max(n[1],r[1],i[1],a[1])]}getDistanceScales(e){return e&&this.isGeospatial?Eu({longitude:e[0],latitude:e[1],highPrecision:!0}):this.distanceScales}containsPixel({x:e,y:t,width:n=1,height:r=1}){return e<this.x+this.width&&this.x<e+n&&t<this.y+this.height&&this.y<t+r}getFrustumPlanes(){return this._frustumPlanes.near||Object.assign(this._frustumPlanes,Pd(this.viewProjectionMatrix)),this._frustumPlanes}panByPosition(e,t,n){return null}_initProps(e){let t=e.longitude,n=e.latitude;this.isGeospatial&&(Number.isFinite(e.zoom)||(this.zoom=wu({latitude:n})+Math.log2(this.focalDistance)),this.distanceScales=e.distanceScales||Eu({latitude:n,longitude:t}));let r=2**this.zoom;this.scale=r;let{position:i,modelMatrix:a}=e,o=Ud;if(i&&(o=a?new V(a).transformAsVector(i,[]):i),this.isGeospatial){let e=this.projectPosition([t,n,0]);this.center=new Zo(o).scale(this.distanceScales.unitsPerMeter).add(e)}else this.center=this.projectPosition(o)}_initMatrices(e){let{viewMatrix:t=Hd,projectionMatrix:n=null,orthographic:r=!1,fovyRadians:i,fovy:a=75,near:o=.1,far:s=1e3,padding:c=null,focalDistance:l=1}=e;this.viewMatrixUncentered=t,this.viewMatrix=new V().multiplyRight(t).translate(new Zo(this.center).negate()),this.projectionMatrix=n||Gd({width:this.width,height:this.height,orthographic:r,fovyRadians:i||a*Vd,focalDistance:l,padding:c,near:o,far:s});let u=Ad();rs(u,u,this.projectionMatrix),rs(u,u,this.viewMatrix),this.viewProjectionMatrix=u,this.viewMatrixInverse=ts([],this.viewMatrix)||this.viewMatrix,this.cameraPosition=Md(this.viewMatrixInverse);let d=Ad(),f=Ad();as(d,d,[this.width/2,-this.height/2,1]),is(d,d,[1,-1,0]),rs(f,d,this.viewProjectionMatrix),this.pixelProjectionMatrix=f,this.pixelUnprojectionMatrix=ts(Ad(),this.pixelProjectionMatrix),this.pixelUnprojectionMatrix||I.warn(`Pixel project matrix not invertible`)()}};Kd.displayName=`Viewport`;var qd=class e extends Kd{constructor(e={}){let{latitude:t=0,longitude:n=0,zoom:r=0,pitch:i=0,bearing:a=0,nearZMultiplier:o=.1,farZMultiplier:s=1.01,nearZ:c,farZ:l,orthographic:u=!1,projectionMatrix:d,repeat:f=!1,worldOffset:p=0,position:m,padding:h,legacyMeterSizes:g=!1}=e,{width:_,height:v,altitude:y=1.5}=e,b=2**r;_||=1,v||=1;let x,S=null;if(d)y=d[5]/2,x=Au(y);else{e.fovy?(x=e.fovy,y=ju(x)):x=Au(y);let n;if(h){let{top:e=0,bottom:t=0}=h;n=[0,z((e+v-t)/2,0,v)-v/2]}S=ku({width:_,height:v,scale:b,center:m&&[0,0,m[2]*Tu(t)],offset:n,pitch:i,fovy:x,nearZMultiplier:o,farZMultiplier:s}),Number.isFinite(c)&&(S.near=c),Number.isFinite(l)&&(S.far=l)}let C=Ou({height:v,pitch:i,bearing:a,scale:b,altitude:y});p&&(C=new V().translate([512*p,0,0]).multiplyLeft(C)),super({...e,width:_,height:v,viewMatrix:C,longitude:n,latitude:t,zoom:r,...S,fovy:x,focalDistance:y}),this.latitude=t,this.longitude=n,this.zoom=r,this.pitch=i,this.bearing=a,this.altitude=y,this.fovy=x,this.orthographic=u,this._subViewports=f?[]:null,this._pseudoMeters=g,Object.freeze(this)}get subViewports(){if(this._subViewports&&!this._subViewports.length){let t=this.getBounds(),n=Math.floor((t[0]+180)/360),r=Math.ceil((t[2]-180)/360);for(let t=n;t<=r;t++){let n=t?new e({...this,worldOffset:t}):this;this._subViewports.push(n)}}return this._subViewports}equals(t){return t instanceof e&&t._pseudoMeters===this._pseudoMeters&&super.equals(t)}projectPosition(e){if(this._pseudoMeters)return super.projectPosition(e);let[t,n]=this.projectFlat(e);return[t,n,(e[2]||0)*Tu(e[1])]}unprojectPosition(e){if(this._pseudoMeters)return super.unprojectPosition(e);let[t,n]=this.unprojectFlat(e);return[t,n,(e[2]||0)/Tu(n)]}addMetersToLngLat(e,t){return Du(e,t)}panByPosition(e,t,n){let r=Nu(t,this.pixelUnprojectionMatrix),i=Do([],this.projectFlat(e),ko([],r)),a=Do([],this.center,i),[o,s]=this.unprojectFlat(a);return{longitude:o,latitude:s}}panByPosition3D(e,t){let n=e[2]||0,r=Mo([],e,this.unproject(t,{targetZ:n}));return{longitude:this.longitude+r[0],latitude:this.latitude+r[1]}}getBounds(e={}){let t=Lu(this,e.z||0);return[Math.min(t[0][0],t[1][0],t[2][0],t[3][0]),Math.min(t[0][1],t[1][1],t[2][1],t[3][1]),Math.max(t[0][0],t[1][0],t[2][0],t[3][0]),Math.max(t[0][1],t[1][1],t[2][1],t[3][1])]}fitBounds(t,n={}){let{width:r,height:i}=this,{longitude:a,latitude:o,zoom:s}=Pu({width:r,height:i,bounds:t,...n});return new e({width:r,height:i,longitude:a,latitude:o,zoom:s})}};qd.displayName=`WebMercatorViewport`;var Jd=[0,0,0];function Yd(e,t,n=!1){let r=t.projectPosition(e);if(n&&t instanceof qd){let[n,i,a=0]=e;r[2]=a*t.getDistanceScales([n,i]).unitsPerMeter[2]}return r}function Xd(e){let{viewport:t,modelMatrix:n,coordinateOrigin:r}=e,{coordinateSystem:i,fromCoordinateSystem:a,fromCoordinateOrigin:o}=e;return i==="default"&&(i=t.isGeospatial?`lnglat`:`cartesian`),a===void 0?a=i:a==="default"&&(a=t.isGeospatial?`lnglat`:`cartesian`),o===void 0&&(o=r),{viewport:t,coordinateSystem:i,coordinateOrigin:r,modelMatrix:n,fromCoordinateSystem:a,fromCoordinateOrigin:o}}function Zd(e,{viewport:t,modelMatrix:n,coordinateSystem:r,coordinateOrigin:i,offsetMode:a}){let[o,s,c=0]=e;switch(n&&([o,s,c]=ys([],[o,s,c,1],n)),r){case`default`:return Zd(e,{viewport:t,modelMatrix:n,coordinateSystem:t.isGeospatial?`lnglat`:`cartesian`,coordinateOrigin:i,offsetMode:a});case`lnglat`:return Yd([o,s,c],t,a);case`lnglat-offsets`:return Yd([o+i[0],s+i[1],c+(i[2]||0)],t,a);case`meter-offsets`:return Yd(Du(i,[o,s,c]),t,a);case`cartesian`:return t.isGeospatial?[o+i[0],s+i[1],c+i[2]]:t.projectPosition([o,s,c]);default:throw Error(`Invalid coordinateSystem: ${r}`)}}function Qd(e,t){let{viewport:n,coordinateSystem:r,coordinateOrigin:i,modelMatrix:a,fromCoordinateSystem:o,fromCoordinateOrigin:s}=Xd(t),{autoOffset:c=!0}=t,{geospatialOrigin:l=Jd,shaderCoordinateOrigin:u=Jd,offsetMode:d=!1}=c?Zl(n,r,i):{},f=Zd(e,{viewport:n,modelMatrix:a,coordinateSystem:o,coordinateOrigin:s,offsetMode:d});return d&&Jo(f,f,n.projectPosition(l||u)),f}var $d=class{id;topology;vertexCount;indices;attributes;bufferLayout;userData={};constructor(e){let{attributes:t={},indices:n=null,vertexCount:r=null}=e;this.id=e.id||d(`geometry`),this.topology=e.topology,n&&(this.indices=ArrayBuffer.isView(n)?{value:n,size:1}:n),this.attributes={};for(let[e,n]of Object.entries(t)){let t=ArrayBuffer.isView(n)?{value:n}:n;if(!ArrayBuffer.isView(t.value))throw Error(`${this._print(e)}: must be typed array or object with value as typed array`);if(e!==`POSITION`&&e!==`positions`||t.size||(t.size=3),e===`indices`){if(this.indices)throw Error(`Multiple indices detected`);this.indices=t}else{let n=ef(e),r=Object.keys(this.attributes).find(e=>ef(e)===n);r&&delete this.attributes[r],this.attributes[e]=t}}this.indices&&this.indices.isIndexed!==void 0&&(this.indices=Object.assign({},this.indices),delete this.indices.isIndexed),this.vertexCount=r||this._calculateVertexCount(this.attributes,this.indices),this.bufferLayout=e.bufferLayout||tf(this.attributes)}getVertexCount(){return this.vertexCount}getAttributes(){return this.indices?{indices:this.indices,...this.attributes}:this.attributes}_print(e){return`Geometry ${this.id} attribute ${e}`}_setAttributes(e,t){return this}_calculateVertexCount(e,t){if(t)return t.value.length;let n=1/0;for(let t of Object.values(e)){if(!t)continue;let{value:e,size:r,constant:i}=t;!i&&e&&r!==void 0&&r>=1&&(n=Math.min(n,e.length/r))}return n}};function ef(e){switch(e){case`POSITION`:return`positions`;case`NORMAL`:return`normals`;case`TEXCOORD_0`:return`texCoords`;case`TEXCOORD_1`:return`texCoords1`;case`COLOR_0`:return`colors`;default:return e}}function tf(e){let t=[];for(let[n,r]of Object.entries(e)){if(!r)continue;let{value:e,size:i,normalized:a}=r;if(i===void 0)throw Error(`Attribute ${n} is missing a size`);t.push({name:ef(n),format:re.getVertexFormatFromAttribute(e,i,a)})}return t}function nf(e,t={}){let n=t.bufferName||`geometry`;if(rf(e,n))return e;let r=t.minAttributeAlignment||4,i=af(e,t.attributes),a=[],o=0,s=1/0;for(let[e,t]of i){if(!t)continue;if(t.constant)throw Error(`Attribute ${e} is constant`);let{value:n,size:i,normalized:c}=t;if(!ArrayBuffer.isView(n))throw Error(`Attribute ${e} is missing typed array data`);if(i===void 0)throw Error(`Attribute ${e} is missing a size`);let l=re.getVertexFormatFromAttribute(n,i,c),u=re.getVertexFormatInfo(l);o=sf(o,r),a.push({sourceName:e,attributeName:ef(e),value:n,size:i,format:l,byteOffset:o,byteLength:u.byteLength}),o+=u.byteLength;let d=n.length/i;if(!Number.isInteger(d))throw Error(`Attribute ${e} length is not divisible by size`);s=Math.min(s,d)}if(a.length===0||!Number.isFinite(s))throw Error(`Geometry ${e.id} has no interleavable attributes`);let c=sf(o,r),l=new ArrayBuffer(s*c);for(let e of a)of(l,s,c,e);return new $d({id:e.id,topology:e.topology||`triangle-list`,vertexCount:e.vertexCount,indices:e.indices,attributes:{[n]:{value:new Uint8Array(l),size:c,byteStride:c}},bufferLayout:[{name:n,stepMode:`vertex`,byteStride:c,attributes:a.map(e=>({attribute:e.attributeName,format:e.format,byteOffset:e.byteOffset}))}]})}function rf(e,t){if(e.bufferLayout.length!==1)return!1;let n=e.bufferLayout[0];return n.name===t&&!!n.attributes?.length&&!!e.attributes[t]}function af(e,t){return t?t.map(t=>[t,e.attributes[t]]):Object.entries(e.attributes)}function of(e,t,n,r){let i=r.value.constructor,a=i.BYTES_PER_ELEMENT;if(r.byteOffset%a!==0||n%a!==0)throw Error(`Attribute ${r.sourceName} is not aligned to its component type`);let o=new i(e),s=r.value,c=r.byteOffset/a,l=n/a;for(let e=0;e<t;e++){let t=e*r.size,n=e*l+c;for(let e=0;e<r.size;e++)o[n+e]=s[t+e]}}function sf(e,t){return Math.ceil(e/t)*t}var cf=1,lf=1,uf=class{time=0;channels=new Map;animations=new Map;playing=!1;lastEngineTime=-1;constructor(){}addChannel(e){let{delay:t=0,duration:n=1/0,rate:r=1,repeat:i=1}=e,a=cf++,o={time:0,delay:t,duration:n,rate:r,repeat:i};return this._setChannelTime(o,this.time),this.channels.set(a,o),a}removeChannel(e){this.channels.delete(e);for(let[t,n]of this.animations)n.channel===e&&this.detachAnimation(t)}isFinished(e){let t=this.channels.get(e);return t!==void 0&&this.time>=t.delay+t.duration*t.repeat}getTime(e){if(e===void 0)return this.time;let t=this.channels.get(e);return t===void 0?-1:t.time}setTime(e){this.time=Math.max(0,e);let t=this.channels.values();for(let e of t)this._setChannelTime(e,this.time);let n=this.animations.values();for(let e of n){let{animation:t,channel:n}=e;t.setTime(this.getTime(n))}}play(){this.playing=!0}pause(){this.playing=!1,this.lastEngineTime=-1}reset(){this.setTime(0)}attachAnimation(e,t){let n=lf++;return this.animations.set(n,{animation:e,channel:t}),e.setTime(this.getTime(t)),n}detachAnimation(e){this.animations.delete(e)}update(e){this.playing&&(this.lastEngineTime===-1&&(this.lastEngineTime=e),this.setTime(this.time+(e-this.lastEngineTime)),this.lastEngineTime=e)}_setChannelTime(e,t){let n=t-e.delay;n>=e.duration*e.repeat?e.time=e.duration*e.rate:(e.time=Math.max(0,n)%e.duration,e.time*=e.rate)}};function df(e){let t=typeof window<`u`?window.requestAnimationFrame||window.webkitRequestAnimationFrame||window.mozRequestAnimationFrame:null;return t?t.call(window,e):setTimeout(()=>e(typeof performance<`u`?performance.now():Date.now()),1e3/60)}function ff(e){let t=typeof window<`u`?window.cancelAnimationFrame||window.webkitCancelAnimationFrame||window.mozCancelAnimationFrame:null;t?t.call(window,e):clearTimeout(e)}var pf=0,mf=`Animation Loop`,hf={requestAnimationFrame:e=>df(e),cancelAnimationFrame:e=>ff(e)},gf=class e{static defaultAnimationLoopProps={device:null,onAddHTML:()=>``,onInitialize:async()=>null,onRender:()=>{},onFinalize:()=>{},onError:e=>{console.error(e)},stats:void 0,autoResizeViewport:!1,animationFrameProvider:hf};device=null;canvas=null;props;animationProps=null;timeline=null;stats;sharedStats;cpuTime;gpuTime;frameRate;display;_needsRedraw=`initialized`;_initialized=!1;_running=!1;_animationFrameId=null;_nextFramePromise=null;_resolveNextFrame=null;_cpuStartTime=0;_error=null;_lastFrameTime=0;constructor(t){if(this.props={...e.defaultAnimationLoopProps,...t},t=this.props,!t.device)throw Error(`No device provided`);this.stats=t.stats||new Fn({id:`animation-loop-${pf++}`}),this.sharedStats=wa.stats.get(mf),this.frameRate=this.stats.get(`Frame Rate`),this.frameRate.setSampleSize(1),this.cpuTime=this.stats.get(`CPU Time`),this.gpuTime=this.stats.get(`GPU Time`),this.setProps({autoResizeViewport:t.autoResizeViewport,animationFrameProvider:t.animationFrameProvider}),this.start=this.start.bind(this),this.stop=this.stop.bind(this),this._onMousemove=this._onMousemove.bind(this),this._onMouseleave=this._onMouseleave.bind(this)}destroy(){this.stop(),this._setDisplay(null),this.device?._disableDebugGPUTime()}delete(){this.destroy()}reportError(t){this._error=t,this.props.onError(t),this.props.onError===e.defaultAnimationLoopProps.onError&&typeof window<`u`&&typeof ErrorEvent<`u`&&window.dispatchEvent(new ErrorEvent(`error`,{error:t,message:t.message}))}setNeedsRedraw(e){return this._needsRedraw=this._needsRedraw||e,this}needsRedraw(){let e=this._needsRedraw;return this._needsRedraw=!1,e}setProps(e){if(`autoResizeViewport`in e&&(this.props.autoResizeViewport=e.autoResizeViewport||!1),`animationFrameProvider`in e){let t=e.animationFrameProvider||hf;if(t!==this.props.animationFrameProvider){let e=this._animationFrameId!==null;e&&this._cancelAnimationFrame(),this.props.animationFrameProvider=t,e&&this._requestAnimationFrame()}}return this}async start(){if(this._running)return this;this._running=!0;try{if(!this._initialized){if(this._initialized=!0,await this._initDevice(),this._initialize(),!this._running)return null;await this.props.onInitialize(this._getAnimationProps())}return this._running?(this._cancelAnimationFrame(),this._requestAnimationFrame(),this):null}catch(e){let t=e instanceof Error?e:Error(`Unknown error`);throw this.props.onError(t),t}}stop(){if(this._running){let e=this.animationProps;this._cancelAnimationFrame(),this._nextFramePromise=null,this._resolveNextFrame=null,this._running=!1,this._lastFrameTime=0,e&&this.props.onFinalize(e)}return this}redraw(e,t=null){return this.device?.isLost||this._error||(this._beginFrameTimers(e),this._setupFrame(),this.animationProps&&(this.animationProps.animationFrame=t),this._updateAnimationProps(),this._renderFrame(this._getAnimationProps()),this._clearNeedsRedraw(),this._resolveNextFrame&&=(this._resolveNextFrame(this),this._nextFramePromise=null,null),this._endFrameTimers()),this}attachTimeline(e){return this.timeline=e,this.timeline}detachTimeline(){this.timeline=null}waitForRender(){return this.setNeedsRedraw(`waitForRender`),this._nextFramePromise||=new Promise(e=>{this._resolveNextFrame=e}),this._nextFramePromise}async toDataURL(){if(this.setNeedsRedraw(`toDataURL`),await this.waitForRender(),this.canvas instanceof HTMLCanvasElement)return this.canvas.toDataURL();throw Error(`OffscreenCanvas`)}_initialize(){this._startEventHandling(),this._initializeAnimationProps(),this._updateAnimationProps(),this._resizeViewport(),this.device?._enableDebugGPUTime()}_setDisplay(e){this.display&&(this.display.destroy(),this.display.animationLoop=null),e&&(e.animationLoop=this),this.display=e}_requestAnimationFrame(){this._running&&(this._animationFrameId=this.props.animationFrameProvider.requestAnimationFrame(this._animationFrame.bind(this)))}_cancelAnimationFrame(){this._animationFrameId!==null&&(this.props.animationFrameProvider.cancelAnimationFrame(this._animationFrameId),this._animationFrameId=null)}_animationFrame(e,t){if(this._running)try{this.redraw(e,t??null),this._requestAnimationFrame()}catch(e){let t=e instanceof Error?e:Error(String(e));this.reportError(t),this.stop()}}_renderFrame(e){if(this.display){this.display._renderFrame(e);return}let t=this.props.onRender(this._getAnimationProps());this.device&&t!==!1&&this.device.submit()}_clearNeedsRedraw(){this._needsRedraw=!1}_setupFrame(){this._resizeViewport()}_initializeAnimationProps(){let e=this.device?.getDefaultCanvasContext();if(!this.device||!e)throw Error(`loop`);let t=e?.canvas,n=e.props.useDevicePixels;this.animationProps={animationLoop:this,device:this.device,canvasContext:e,canvas:t,useDevicePixels:n,timeline:this.timeline,needsRedraw:!1,width:1,height:1,aspect:1,time:0,startTime:Date.now(),engineTime:0,tick:0,tock:0,animationFrame:null,_mousePosition:null}}_getAnimationProps(){if(!this.animationProps)throw Error(`animationProps`);return this.animationProps}_updateAnimationProps(){if(!this.animationProps)return;let{width:e,height:t,aspect:n}=this._getSizeAndAspect();(e!==this.animationProps.width||t!==this.animationProps.height)&&this.setNeedsRedraw(`drawing buffer resized`),n!==this.animationProps.aspect&&this.setNeedsRedraw(`drawing buffer aspect changed`),this.animationProps.width=e,this.animationProps.height=t,this.animationProps.aspect=n,this.animationProps.needsRedraw=this._needsRedraw,this.animationProps.engineTime=Date.now()-this.animationProps.startTime,this.timeline&&this.timeline.update(this.animationProps.engineTime),this.animationProps.tick=Math.floor(this.animationProps.time/1e3*60),this.animationProps.tock++,this.animationProps.time=this.timeline?this.timeline.getTime():this.animationProps.engineTime}async _initDevice(){if(this.device=await this.props.device,!this.device)throw Error(`No device provided`);this.canvas=this.device.getDefaultCanvasContext().canvas||null}_createInfoDiv(){if(this.canvas&&this.props.onAddHTML){let e=document.createElement(`div`);document.body.appendChild(e),e.style.position=`relative`;let t=document.createElement(`div`);t.style.position=`absolute`,t.style.left=`10px`,t.style.bottom=`10px`,t.style.width=`300px`,t.style.background=`white`,this.canvas instanceof HTMLCanvasElement&&e.appendChild(this.canvas),e.appendChild(t);let n=this.props.onAddHTML(t);n&&(t.innerHTML=n)}}_getSizeAndAspect(){if(!this.device)return{width:1,height:1,aspect:1};let[e,t]=this.device.getDefaultCanvasContext().getDrawingBufferSize();return{width:e,height:t,aspect:e>0&&t>0?e/t:1}}_resizeViewport(){this.props.autoResizeViewport&&this.device.gl&&this.device.gl.viewport(0,0,this.device.gl.drawingBufferWidth,this.device.gl.drawingBufferHeight)}_beginFrameTimers(e){let t=e??(typeof performance<`u`?performance.now():Date.now());if(this._lastFrameTime){let e=t-this._lastFrameTime;e>0&&this.frameRate.addTime(e)}this._lastFrameTime=t,this.device?._isDebugGPUTimeEnabled()&&this._consumeEncodedGpuTime(),this.cpuTime.timeStart()}_endFrameTimers(){this.device?._isDebugGPUTimeEnabled()&&this._consumeEncodedGpuTime(),this.cpuTime.timeEnd(),this._updateSharedStats()}_consumeEncodedGpuTime(){if(!this.device)return;let e=this.device.commandEncoder._gpuTimeMs;e!==void 0&&(this.gpuTime.addTime(e),this.device.commandEncoder._gpuTimeMs=void 0)}_updateSharedStats(){if(this.stats!==this.sharedStats){for(let e of Object.keys(this.sharedStats.stats))this.stats.stats[e]||delete this.sharedStats.stats[e];this.stats.forEach(e=>{let t=this.sharedStats.get(e.name,e.type);t.sampleSize=e.sampleSize,t.time=e.time,t.count=e.count,t.samples=e.samples,t.lastTiming=e.lastTiming,t.lastSampleTime=e.lastSampleTime,t.lastSampleCount=e.lastSampleCount,t._count=e._count,t._time=e._time,t._samples=e._samples,t._startTime=e._startTime,t._timerPending=e._timerPending})}}_startEventHandling(){this.canvas&&(this.canvas.addEventListener(`mousemove`,this._onMousemove.bind(this)),this.canvas.addEventListener(`mouseleave`,this._onMouseleave.bind(this)))}_onMousemove(e){e instanceof MouseEvent&&(this._getAnimationProps()._mousePosition=[e.offsetX,e.offsetY])}_onMouseleave(e){this._getAnimationProps()._mousePosition=null}},_f=class{id;userData={};topology;bufferLayout=[];vertexCount;indices;attributes;constructor(e){if(this.id=e.id||d(`geometry`),this.topology=e.topology,this.indices=e.indices||null,this.attributes=e.attributes,this.vertexCount=e.vertexCount,this.bufferLayout=e.bufferLayout||[],this.indices&&!(this.indices.usage&O.INDEX))throw Error(`Index buffer must have INDEX usage`)}destroy(){this.indices?.destroy();for(let e of Object.values(this.attributes))e.destroy()}getVertexCount(){return this.vertexCount}getAttributes(){return this.attributes}getIndexes(){return this.indices||null}_calculateVertexCount(e){return e.byteLength/12}};function vf(e,t){if(t instanceof _f)return t;let n=nf(t),r=yf(e,n),{attributes:i,bufferLayout:a}=bf(e,n);return new _f({topology:n.topology||`triangle-list`,bufferLayout:a,vertexCount:n.vertexCount,indices:r,attributes:i})}function yf(e,t){if(!t.indices)return;let n=t.indices.value;return e.createBuffer({usage:O.INDEX,data:n})}function bf(e,t){let n={};for(let[r,i]of Object.entries(t.attributes)){let a=t.bufferLayout.find(e=>e.name===r)?.name||ef(r);i&&(n[a]=e.createBuffer({data:i.value,id:`${r}-buffer`}))}return{attributes:n,bufferLayout:t.bufferLayout,vertexCount:t.vertexCount}}function xf(e,t){let n={},r=`Values`;if(e.attributes.length===0&&!e.varyings?.length)return{"No attributes or varyings":{[r]:`N/A`}};for(let t of e.attributes)if(t){let e=`${t.location} ${t.name}: ${t.type}`;n[`in ${e}`]={[r]:t.stepMode||`vertex`}}for(let t of e.varyings||[]){let e=`${t.location} ${t.name}`;n[`out ${e}`]={[r]:JSON.stringify(t)}}return n}var Sf=`__debugFramebufferState`,Cf=8;function wf(e,t,n){if(e.device.type!==`webgl`)return;let r=Df(e.device);r.flushing||(kf(e)?Tf(e,n,r):t&&Of(t)&&t.handle!==null&&(r.queuedFramebuffers.includes(t)||r.queuedFramebuffers.push(t)))}function Tf(e,t,n){if(n.queuedFramebuffers.length===0)return;let{gl:r}=e.device,i=r.getParameter(36010),a=r.getParameter(36006),[o,s]=e.device.getDefaultCanvasContext().getDrawingBufferSize(),c=Af(t.top,Cf),l=Af(t.left,Cf);n.flushing=!0;try{for(let e of n.queuedFramebuffers){let[n,i,a,u,d]=Ef({framebuffer:e,targetWidth:o,targetHeight:s,topPx:c,leftPx:l,minimap:t.minimap});r.bindFramebuffer(36008,e.handle),r.bindFramebuffer(36009,null),r.blitFramebuffer(0,0,e.width,e.height,n,i,a,u,16384,9728),c+=d+Cf}}finally{r.bindFramebuffer(36008,i),r.bindFramebuffer(36009,a),n.flushing=!1}}function Ef(e){let{framebuffer:t,targetWidth:n,targetHeight:r,topPx:i,leftPx:a,minimap:o}=e,s=o?Math.max(Math.floor(n/4),1):n,c=o?Math.max(Math.floor(r/4),1):r,l=Math.min(s/t.width,c/t.height),u=Math.max(Math.floor(t.width*l),1),d=Math.max(Math.floor(t.height*l),1),f=a,p=Math.max(r-i-d,0);return[f,p,f+u,p+d,d]}function Df(e){return e.userData[Sf]||={flushing:!1,queuedFramebuffers:[]},e.userData[Sf]}function Of(e){return`colorAttachments`in e}function kf(e){let t=e.props.framebuffer;return!t||t.handle===null}function Af(e,t){if(!e)return t;let n=Number.parseInt(e,10);return Number.isFinite(n)?n:t}function jf(e,t,n){if(e===t)return!0;if(!n||!e||!t)return!1;if(Array.isArray(e)){if(!Array.isArray(t)||e.length!==t.length)return!1;for(let r=0;r<e.length;r++)if(!jf(e[r],t[r],n-1))return!1;return!0}if(Array.isArray(t))return!1;if(typeof e==`object`&&typeof t==`object`){let r=Object.keys(e),i=Object.keys(t);if(r.length!==i.length)return!1;for(let i of r)if(!t.hasOwnProperty(i)||!jf(e[i],t[i],n-1))return!1;return!0}return!1}var Mf=class{bufferLayouts;constructor(e){this.bufferLayouts=e}getBufferLayout(e){return this.bufferLayouts.find(t=>t.name===e)||null}getAttributeNamesForBuffer(e){return ve(e)}mergeBufferLayouts(e,t){let n=[...e];for(let e of t){let t=n.findIndex(t=>t.name===e.name);t<0?n.push(e):n[t]=e}return n}};function Nf(e,t){let n=_e(e),r=t.slice();return r.sort((e,t)=>be(ve(e).map(e=>n[e]))-be(ve(t).map(e=>n[e]))),r}function Pf(e){return typeof e==`object`&&!!e&&`resolveTextureBinding`in e&&typeof e.resolveTextureBinding==`function`}function Ff(e){return e?.type===`texture`||e?.type===`external-texture`}function If(e,t,n){let r=ye(e,t,{ignoreWarnings:!0});return Ff(r)?r:e.bindings.length===0&&n?.fallbackGroup!==void 0?{type:`texture`,name:t,group:n.fallbackGroup,location:0}:null}var Lf=2,Rf=1e4,zf=`render pipeline initialization failed`,Bf=[`stencil8`,`depth16unorm`,`depth24plus`,`depth24plus-stencil8`,`depth32float`,`depth32float-stencil8`],Vf=class t{static defaultProps={...te.defaultProps,source:void 0,vs:null,fs:null,id:`unnamed`,handle:void 0,userData:{},defines:{},modules:[],plugins:[],geometry:null,indexBuffer:null,indexCount:void 0,firstVertex:0,firstIndex:0,attributes:{},constantAttributes:{},bindings:{},uniforms:{},varyings:[],isInstanced:void 0,instanceCount:0,vertexCount:0,shaderInputs:void 0,material:void 0,pipelineFactory:void 0,shaderFactory:void 0,transformFeedback:void 0,shaderAssembler:T.getDefaultShaderAssembler(`glsl`),debugShaders:void 0,disableWarnings:void 0};device;id;source;vs;fs;pipelineFactory;shaderFactory;userData={};parameters;topology;bufferLayout;isInstanced=void 0;instanceCount=0;vertexCount;indexCount;firstVertex;firstIndex;indexBuffer=null;bufferAttributes={};constantAttributes={};bindings={};vertexArray;transformFeedback=null;pipeline;shaderInputs;material=null;_uniformStore;_attributeInfos={};_gpuGeometry=null;props;_dynamicIndexBufferSource=null;_dynamicAttributeBufferSources={};_colorAttachmentFormats;_depthStencilAttachmentFormat;_pipelineNeedsUpdate=`newly created`;_needsRedraw=`initializing`;_drawBlockedReason=!1;_destroyed=!1;_vertexCountSet=!1;_lastDrawTimestamp=-1;_bindingTable=[];get[Symbol.toStringTag](){return`Model`}toString(){return`Model(${this.id})`}constructor(e,n){let a=t.defaultProps.shaderAssembler,o=n.vertexCount!==void 0;this.props={...t.defaultProps,...n,shaderAssembler:n.shaderAssembler??(Hf(a,e.info.shadingLanguage)?a:T.getDefaultShaderAssembler(e.info.shadingLanguage))},this._vertexCountSet=o,n=this.props,this.id=n.id||d(`model`),this.device=e,Object.assign(this.userData,n.userData),this.material=n.material||null;let s=Jf(e),c=r(this.props.plugins,s.shaderLanguage),f=w(this.props.modules,c.modules),p=Object.fromEntries(f.map(e=>[e.name,e])),m=n.shaderInputs||new S(p,{disableWarnings:this.props.disableWarnings});n.shaderInputs&&c.modules.length>0&&m.addModules(c.modules),this.setShaderInputs(m);let g=h(this.props.modules,m.getModules()),_={...c.defines,...this.props.defines};if(this.device.type===`webgl`&&(this.props._uniformBlockLayouts=l(g)),this.props.shaderLayout=v(this.props.shaderLayout,g)||null,this.device.type===`webgpu`&&this.props.source){let t=this.props.shaderAssembler;le(Hf(t,`wgsl`));let{source:n,getUniforms:r,bindingTable:i,shaderLayout:a}=t.assembleWGSLShader({platformInfo:s,...this.props,modules:g,defines:_,pluginInjections:c.injections,pluginVertexInputs:c.vertexInputs,pluginVaryings:c.varyings});this.source=n,this._getModuleUniforms=r,this._bindingTable=i;let o=Uf(a??e.getShaderLayout?.(this.source),c.vertexInputs),l=u(this.props.shaderLayout,o,Object.keys(c.vertexInputs));this.props.shaderLayout=v(l||null,g)||null}else{let e=this.props.shaderAssembler;le(Hf(e,`glsl`));let{vs:t,fs:n,getUniforms:r}=e.assembleGLSLShaderPair({platformInfo:s,...this.props,modules:g,defines:_,pluginInjections:c.injections,pluginVertexInputs:c.vertexInputs,pluginVaryings:c.varyings});this.vs=t,this.fs=n,this._getModuleUniforms=r,this._bindingTable=[]}this.vertexCount=this.props.vertexCount,this.indexCount=this.props.indexCount,this.firstVertex=this.props.firstVertex,this.firstIndex=this.props.firstIndex,this.instanceCount=this.props.instanceCount,this.topology=this.props.topology,this.bufferLayout=this.props.bufferLayout,this.parameters=this.props.parameters,this._colorAttachmentFormats=this.props.colorAttachmentFormats,this._depthStencilAttachmentFormat=this.props.depthStencilAttachmentFormat,n.geometry&&this.setGeometry(n.geometry),this.pipelineFactory=n.pipelineFactory||i.getDefaultPipelineFactory(this.device),this.shaderFactory=n.shaderFactory||C.getDefaultShaderFactory(this.device),this.pipeline=this._updatePipeline(),this.vertexArray=e.createVertexArray({shaderLayout:this.pipeline.shaderLayout,bufferLayout:this.pipeline.bufferLayout}),this._gpuGeometry&&this._setGeometryAttributes(this._gpuGeometry),`isInstanced`in n&&(this.isInstanced=n.isInstanced),n.instanceCount&&this.setInstanceCount(n.instanceCount),n.vertexCount&&this.setVertexCount(n.vertexCount),n.indexBuffer&&this.setIndexBuffer(n.indexBuffer),n.attributes&&this.setAttributes(n.attributes),n.constantAttributes&&this.setConstantAttributes(n.constantAttributes),n.bindings&&this.setBindings(n.bindings),n.transformFeedback&&(this.transformFeedback=n.transformFeedback)}destroy(){this._destroyed||=(this.pipelineFactory.release(this.pipeline),this.shaderFactory.release(this.pipeline.vs),this.pipeline.fs&&this.pipeline.fs!==this.pipeline.vs&&this.shaderFactory.release(this.pipeline.fs),this._uniformStore.destroy(),this._gpuGeometry?.destroy(),!0)}needsRedraw(){this._getBindingsUpdateTimestamp()>this._lastDrawTimestamp&&this.setNeedsRedraw(`contents of bound textures or buffers updated`);let e=this._needsRedraw;return this._needsRedraw=!1,e}setNeedsRedraw(e){this._needsRedraw||=e}getBindingDebugTable(){return this._bindingTable}predraw(e){this._syncDynamicBuffers(),this.updateShaderInputs(e),this.material?.updateShaderInputs(e),this.pipeline=this._updatePipeline()}draw(e){if(this._drawBlockedReason&&!this._pipelineNeedsUpdate)return k.info(Lf,`>>> DRAWING ABORTED ${this.id}: ${this._drawBlockedReason}`)(),!1;let t=this._areBindingsLoading();if(t)return k.info(Lf,`>>> DRAWING ABORTED ${this.id}: ${t} not loaded`)(),!1;this._syncAttachmentFormats(e);try{e.pushDebugGroup(`${this}.predraw(${e})`),this.device.type===`webgpu`?(this.updateShaderInputs(),this.material?.updateShaderInputs(),this._syncDynamicBuffers(),this.pipeline=this._updatePipeline()):this.predraw(this.device.commandEncoder)}finally{e.popDebugGroup()}let n,r=this.pipeline.isErrored;try{if(e.pushDebugGroup(`${this}.draw(${e})`),this._logDrawCallStart(),this.pipeline=this._updatePipeline(),r=this.pipeline.isErrored,r)k.info(Lf,`>>> DRAWING ABORTED ${this.id}: ${zf}`)(),n=!1;else{let t=this.vertexArray.getDrawValidationError();if(t)k.info(Lf,`>>> DRAWING ABORTED ${this.id}: ${t}`)(),this._drawBlockedReason=t,n=!1;else{let t=this._getCurrentShaderLayout(),r=this._getBindings(t),i=this._getBindGroups(t,r),{indexBuffer:a}=this.vertexArray,o=a?this.indexCount??(this._vertexCountSet?this.vertexCount:a.byteLength/(a.indexType===`uint32`?4:2)):void 0;e.setPipeline(this.pipeline),e.setBindings(i,{_bindGroupCacheKeys:this._getBindGroupCacheKeys()}),e.setVertexArray(this.vertexArray),n=this.isInstanced===!0&&this.instanceCount===0||e.draw({isInstanced:this.isInstanced,vertexCount:this.vertexCount,instanceCount:this.isInstanced?this.instanceCount:void 0,indexCount:o,firstVertex:this.firstVertex,firstIndex:this.firstIndex,transformFeedback:this.transformFeedback||void 0,uniforms:this.props.uniforms,parameters:this.parameters,topology:this.topology})}}}finally{e.popDebugGroup(),this._logDrawCallEnd()}return this._logFramebuffer(e),n?(this._lastDrawTimestamp=this.device.timestamp,this._needsRedraw=!1):r?(this._needsRedraw=zf,this._drawBlockedReason=zf):this._needsRedraw=this._drawBlockedReason?this._drawBlockedReason:`waiting for resource initialization`,n}setGeometry(e){this._gpuGeometry?.destroy();let t=e&&vf(this.device,e);if(t){this.setTopology(t.topology||`triangle-list`);let e=new Mf(this.bufferLayout);this.bufferLayout=e.mergeBufferLayouts(t.bufferLayout,this.bufferLayout),this.vertexArray&&this._setGeometryAttributes(t)}this._gpuGeometry=t}setTopology(e){e!==this.topology&&(this.topology=e,this._setPipelineNeedsUpdate(`topology`))}setBufferLayout(e){let t=new Mf(this.bufferLayout),n=this._gpuGeometry?t.mergeBufferLayouts(e,this._gpuGeometry.bufferLayout):e;jf(n,this.bufferLayout,-1)||(this.bufferLayout=n,this._setPipelineNeedsUpdate(`bufferLayout`),this.pipeline=this._updatePipeline(),this.vertexArray=this.device.createVertexArray({shaderLayout:this.pipeline.shaderLayout,bufferLayout:this.pipeline.bufferLayout}),this._gpuGeometry&&this._setGeometryAttributes(this._gpuGeometry))}setParameters(e){jf(e,this.parameters,2)||(this.parameters=e,this._setPipelineNeedsUpdate(`parameters`))}setInstanceCount(e){this.instanceCount=e,this.isInstanced===void 0&&e>0&&(this.isInstanced=!0),this.setNeedsRedraw(`instanceCount`)}setVertexCount(e){this.vertexCount=e,this._vertexCountSet=!0,this.setNeedsRedraw(`vertexCount`)}setIndexCount(e){this.indexCount=e,this.setNeedsRedraw(`indexCount`)}setDrawOffsets({firstVertex:e,firstIndex:t}){this.firstVertex=e,this.firstIndex=t,this.setNeedsRedraw(`drawOffsets`)}setShaderInputs(t){this.shaderInputs=t,this._uniformStore=new e(this.device,this.shaderInputs.modules);for(let[e,t]of Object.entries(this.shaderInputs.modules))if(f(t)&&!this.material?.ownsModule(e)){let t=this._uniformStore.getManagedUniformBuffer(e);this.bindings[`${e}Uniforms`]=t}this.setNeedsRedraw(`shaderInputs`)}setMaterial(e){this.material=e,this.setNeedsRedraw(`material`)}updateShaderInputs(e){this._uniformStore.setUniforms(this.shaderInputs.getUniformValues(),e),this.setBindings(this._getNonMaterialBindings(this.shaderInputs.getBindingValues())),this.setNeedsRedraw(`shaderInputs`)}setBindings(e){Object.assign(this.bindings,e),this.setNeedsRedraw(`bindings`)}setTransformFeedback(e){this.transformFeedback=e,this.setNeedsRedraw(`transformFeedback`)}setIndexBuffer(e){let t=e instanceof b?e.buffer:e;this.indexBuffer=t,this._dynamicIndexBufferSource=e instanceof b?{source:e,generation:e.generation}:null,this.vertexArray.setIndexBuffer(t),this.setNeedsRedraw(`indexBuffer`)}setAttributes(e,t){this._drawBlockedReason=!1;let n=t?.disableWarnings??this.props.disableWarnings;e.indices&&k.warn(`Model:${this.id} setAttributes() - indexBuffer should be set using setIndexBuffer()`)(),this.bufferLayout=Nf(this.pipeline.shaderLayout,this.bufferLayout);let r=new Mf(this.bufferLayout);for(let[t,i]of Object.entries(e)){let e=i instanceof b?i.buffer:i,a=r.getBufferLayout(t);if(!a){n||k.warn(`Model(${this.id}): Missing layout for buffer "${t}".`)();continue}let o=r.getAttributeNamesForBuffer(a),s=!1;for(let t of o){let r=this._attributeInfos[t];if(r){let t=this.device.type===`webgpu`?this.vertexArray.getBufferSlot(r.bufferName):r.location;if(t===null){n||k.warn(`Model(${this.id}): Missing vertex array slot for buffer "${r.bufferName}".`)();continue}this.vertexArray.setBuffer(t,e),i instanceof b?this._dynamicAttributeBufferSources[t]={source:i,generation:i.generation}:delete this._dynamicAttributeBufferSources[t],s=!0}}!s&&!n&&k.warn(`Model(${this.id}): Ignoring buffer "${e.id}" for unknown attribute "${t}"`)()}this.setNeedsRedraw(`attributes`)}setConstantAttributes(e,t){for(let[n,r]of Object.entries(e)){let e=this._attributeInfos[n];e?this.vertexArray.setConstantWebGL(e.location,r):(t?.disableWarnings??this.props.disableWarnings)||k.warn(`Model "${this.id}: Ignoring constant supplied for unknown attribute "${n}"`)()}this.setNeedsRedraw(`constants`)}_areBindingsLoading(){for(let e of Object.values(this.bindings))if(Pf(e)&&!e.isReady)return e.id;for(let e of Object.values(this.material?.bindings||{}))if(Pf(e)&&!e.isReady)return e.id;return!1}_getBindings(e=this._getCurrentShaderLayout()){let t={};for(let[n,r]of Object.entries(this.bindings)){let i=Wf(n,r,e);i&&(t[n]=i)}return t}_getBindGroups(e=this._getCurrentShaderLayout(),t=this._getBindings(e)){let n=e.bindings.length?xe(e,t):{0:t};if(!this.material)return n;for(let[t,r]of Object.entries(this.material.getBindingsByGroup(e))){let e=Number(t);n[e]={...n[e]||{},...r}}return n}_getBindGroupCacheKeys(){let e=this.material?.getBindGroupCacheKey(3);return e?{3:e}:{}}_getBindingsUpdateTimestamp(){let e=0;this._dynamicIndexBufferSource&&(e=Math.max(e,this._dynamicIndexBufferSource.source.updateTimestamp));for(let t of Object.values(this._dynamicAttributeBufferSources))e=Math.max(e,t.source.updateTimestamp);for(let t of Object.values(this.bindings))t instanceof me?e=Math.max(e,t.texture.updateTimestamp):t instanceof O||t instanceof j||t instanceof Qa||t instanceof b?e=Math.max(e,t.updateTimestamp):Pf(t)?e=t.isReady?Math.max(e,t.updateTimestamp):1/0:c(t)&&(e=Math.max(e,(t.buffer instanceof b,t.buffer.updateTimestamp)));return Math.max(e,this.material?.getBindingsUpdateTimestamp()||0)}_setGeometryAttributes(e){let t={...e.attributes};for(let[e]of Object.entries(t))!this.pipeline.shaderLayout.attributes.find(t=>t.name===e)&&e!==`positions`&&delete t[e];this.vertexCount=e.vertexCount,this._vertexCountSet=!0,this.setIndexBuffer(e.indices||null),this.setAttributes(e.attributes,{disableWarnings:!0}),this.setAttributes(t,{disableWarnings:this.props.disableWarnings}),this.setNeedsRedraw(`geometry attributes`)}_setPipelineNeedsUpdate(e){this._pipelineNeedsUpdate||=e,this._drawBlockedReason=!1,this.setNeedsRedraw(e)}_updatePipeline(){if(this._pipelineNeedsUpdate){let e=null,t=null;this.pipeline&&(k.log(1,`Model ${this.id}: Recreating pipeline because "${this._pipelineNeedsUpdate}".`)(),e=this.pipeline.vs,t=this.pipeline.fs),this._pipelineNeedsUpdate=!1;let n=this.shaderFactory.createShader({id:`${this.id}-vertex`,stage:`vertex`,source:this.source||this.vs,debugShaders:this.props.debugShaders}),r=null;this.source?r=n:this.fs&&(r=this.shaderFactory.createShader({id:`${this.id}-fragment`,stage:`fragment`,source:this.source||this.fs,debugShaders:this.props.debugShaders})),this.pipeline=this.pipelineFactory.createRenderPipeline({...this.props,bindings:void 0,bufferLayout:this.bufferLayout,colorAttachmentFormats:this._colorAttachmentFormats,depthStencilAttachmentFormat:this._depthStencilAttachmentFormat,topology:this.topology,parameters:this.parameters,bindGroups:void 0,vs:n,fs:r}),this._attributeInfos=Se(this.pipeline.shaderLayout,this.bufferLayout),e&&this.shaderFactory.release(e),t&&t!==e&&this.shaderFactory.release(t)}return this.pipeline}_lastLogTime=0;_logOpen=!1;_logDrawCallStart(){let e=k.level>3?0:Rf;k.level<2||Date.now()-this._lastLogTime<e||(this._lastLogTime=Date.now(),this._logOpen=!0,k.group(Lf,`>>> DRAWING MODEL ${this.id}`,{collapsed:k.level<=2})())}_logDrawCallEnd(){if(this._logOpen){let e=xf(this.pipeline.shaderLayout,this.id);k.table(Lf,e)();let t=this.shaderInputs.getDebugTable();k.table(Lf,t)();let n=this._getAttributeDebugTable();k.table(Lf,this._attributeInfos)(),k.table(Lf,n)(),k.groupEnd(Lf)(),this._logOpen=!1}}_drawCount=0;_logFramebuffer(e){let t=this.device.props.debugFramebuffers;if(this._drawCount++,!t)return;let n=e.props.framebuffer;wf(e,n,{id:n?.id||`${this.id}-framebuffer`,minimap:!0})}_getAttributeDebugTable(){let e={};for(let[t,n]of Object.entries(this._attributeInfos)){let r=this.vertexArray.attributes[n.location];e[n.location]={name:t,type:n.shaderType,values:r?this._getBufferOrConstantValues(r,n.bufferDataType):`null`}}if(this.vertexArray.indexBuffer){let{indexBuffer:t}=this.vertexArray,n=t.indexType===`uint32`?new Uint32Array(t.debugData):new Uint16Array(t.debugData);e.indices={name:`indices`,type:t.indexType,values:n.toString()}}return e}_getBufferOrConstantValues(e,t){let n=se.getTypedArrayConstructor(t);return(e instanceof O?new n(e.debugData):e).toString()}_getNonMaterialBindings(e){if(!this.material)return e;let t={};for(let[n,r]of Object.entries(e))this.material.ownsBinding(n)||(t[n]=r);return t}_getCurrentShaderLayout(){return this.pipeline?.shaderLayout||this.props.shaderLayout||{bindings:[]}}_syncDynamicBuffers(){if(this._dynamicIndexBufferSource&&this._dynamicIndexBufferSource.generation!==this._dynamicIndexBufferSource.source.generation){let e=this._dynamicIndexBufferSource.source.buffer;this.indexBuffer=e,this.vertexArray.setIndexBuffer(e),this._dynamicIndexBufferSource.generation=this._dynamicIndexBufferSource.source.generation,this.setNeedsRedraw(`dynamic index buffer`)}for(let[e,t]of Object.entries(this._dynamicAttributeBufferSources))t.generation!==t.source.generation&&(this.vertexArray.setBuffer(Number(e),t.source.buffer),t.generation=t.source.generation,this.setNeedsRedraw(`dynamic attribute buffer`))}_syncAttachmentFormats(e){if(this.device.type!==`webgpu`)return;let t=e.framebuffer||e.props.framebuffer,n=e.props,r=n.colorAttachmentFormats??t?.colorAttachments?.map(e=>Gf(e?.texture?.format)),i=n.depthStencilAttachmentFormat===!1?void 0:n.depthStencilAttachmentFormat??Kf(t?.depthStencilAttachment?.texture?.format);jf(this._colorAttachmentFormats,r,1)&&this._depthStencilAttachmentFormat===i||(this._colorAttachmentFormats=r,this._depthStencilAttachmentFormat=i,this._setPipelineNeedsUpdate(`attachment formats`))}};function Hf(e,t){return e.shaderLanguage!==void 0&&e.shaderLanguage!==t?!1:t===`glsl`?`assembleGLSLShaderPair`in e&&typeof e.assembleGLSLShaderPair==`function`:`assembleWGSLShader`in e&&typeof e.assembleWGSLShader==`function`}function Uf(e,t){return!e||Object.keys(t).length===0?e:{...e,attributes:e.attributes.map(e=>{let n=e.name.startsWith(`_luma_`)?e.name.slice(6):null;return n&&t[n]?{...e,name:n}:e})}}function Wf(e,t,n){if(Pf(t)){let r=If(n,e,{fallbackGroup:0});return r?t.resolveTextureBinding(r):null}return t instanceof b?t.buffer:c(t)?m(t):t}function Gf(e){return e&&!qf(e)?e:null}function Kf(e){return e&&qf(e)?e:void 0}function qf(e){return Bf.includes(e)}function Jf(e){return{type:e.type,shaderLanguage:e.info.shadingLanguage,shaderLanguageVersion:e.info.shadingLanguageVersion,gpu:e.info.gpu,limits:e.limits,features:e.features}}var Yf=35980,Xf=35981,Zf=class e{device;model;transformFeedback;static defaultProps={...Vf.defaultProps,feedbackBufferMode:`separate`,outputs:void 0,feedbackBuffers:void 0};static isSupported(e){return e?.info?.type===`webgl`}constructor(t,n=e.defaultProps){if(!e.isSupported(t))throw Error(`BufferTransform not yet implemented on WebGPU`);this.device=t,this.model=new Vf(this.device,{id:n.id||`buffer-transform-model`,fs:n.fs||lo(),topology:n.topology||`point-list`,varyings:n.outputs||n.varyings,...n,bufferMode:n.bufferMode||(n.feedbackBufferMode===`interleaved`?Yf:Xf)}),this.transformFeedback=this.device.createTransformFeedback({layout:this.model.pipeline.shaderLayout,buffers:n.feedbackBuffers}),this.model.setTransformFeedback(this.transformFeedback)}destroy(){this.model&&this.model.destroy()}delete(){this.destroy()}run(e){e?.inputBuffers&&this.model.setAttributes(e.inputBuffers),e?.outputBuffers&&this.transformFeedback.setBuffers(e.outputBuffers);let t=this.device.beginRenderPass({discard:!0,...e});this.model.draw(t),t.end()}getBuffer(e){return this.transformFeedback.getBuffer(e)}readAsync(e){let t=this.getBuffer(e);if(!t)throw Error(`BufferTransform#getBuffer`);if(t instanceof O)return t.readAsync();let{buffer:n,byteOffset:r=0,byteLength:i=n.byteLength}=t;return n.readAsync(r,i)}},Qf=2,$f=1e4,ep=class a{static defaultProps={...n.defaultProps,id:`unnamed`,handle:void 0,userData:{},source:``,modules:[],defines:{},plugins:[],bindings:void 0,shaderInputs:void 0,pipelineFactory:void 0,shaderFactory:void 0,shaderAssembler:T.getDefaultShaderAssembler(`wgsl`),debugShaders:void 0};device;id;pipelineFactory;shaderFactory;userData={};bindings={};pipeline;source;shader;shaderInputs;_uniformStore;_pipelineNeedsUpdate=`newly created`;_getModuleUniforms;props;_destroyed=!1;constructor(e,t){if(e.type!==`webgpu`)throw Error(`Computation is only supported in WebGPU`);this.props={...a.defaultProps,...t},t=this.props,this.id=t.id||d(`model`),this.device=e,Object.assign(this.userData,t.userData);let n=tp(e),o=r(this.props.plugins,n.shaderLanguage);if(Object.keys(o.vertexInputs).length>0||Object.keys(o.varyings).length>0)throw Error(`Computation does not support ShaderPlugin vertex inputs or varyings`);let c=w(this.props.modules,o.modules),l=Object.fromEntries(c.map(e=>[e.name,e]));this.shaderInputs=t.shaderInputs||new S(l),t.shaderInputs&&o.modules.length>0&&this.shaderInputs.addModules(o.modules),this.setShaderInputs(this.shaderInputs);let u=h(this.props.modules,this.shaderInputs?.getModules()),f={...o.defines,...this.props.defines};this.props.shaderLayout=v(this.props.shaderLayout,u)||null,this.pipelineFactory=t.pipelineFactory||i.getDefaultPipelineFactory(this.device),this.shaderFactory=t.shaderFactory||C.getDefaultShaderFactory(this.device);let p=this.props.shaderAssembler;le(p instanceof s);let{source:m,getUniforms:g,shaderLayout:_}=p.assembleWGSLShader({platformInfo:n,...this.props,modules:u,defines:f,scanVertexAttributes:!1,pluginInjections:o.injections});this.source=m,this._getModuleUniforms=g;let y=_??e.getShaderLayout?.(this.source,{scanVertexAttributes:!1});this.props.shaderLayout=v(this.props.shaderLayout||y||null,u)||null,this.pipeline=this._updatePipeline(),t.bindings&&this.setBindings(t.bindings)}destroy(){this._destroyed||=(this.pipelineFactory.release(this.pipeline),this.shaderFactory.release(this.shader),this._uniformStore.destroy(),!0)}predraw(e){this.updateShaderInputs(e)}dispatch(e,t,n,r){try{this._logDrawCallStart(),this._setPipeline(e),e.dispatch(t,n,r)}finally{this._logDrawCallEnd()}}dispatchIndirect(e,t,n=0){try{this._logDrawCallStart(),this._setPipeline(e),e.dispatchIndirect(t,n)}finally{this._logDrawCallEnd()}}_setPipeline(e){this.pipeline=this._updatePipeline(),this.pipeline.setBindings(this.bindings),e.setPipeline(this.pipeline),e.setBindings({})}setVertexCount(e){}setInstanceCount(e){}setShaderInputs(t){this.shaderInputs=t,this._uniformStore=new e(this.device,this.shaderInputs.modules);for(let[e,t]of Object.entries(this.shaderInputs.modules))if(f(t)){let t=this._uniformStore.getManagedUniformBuffer(e);this.bindings[`${e}Uniforms`]=t}}setShaderModuleProps(e){let n=this._getModuleUniforms(e),r=Object.keys(n).filter(e=>{let r=n[e];return!t(r)&&typeof r!=`number`&&typeof r!=`boolean`}),i={};for(let e of r)i[e]=n[e],delete n[e]}updateShaderInputs(e){this._uniformStore.setUniforms(this.shaderInputs.getUniformValues(),e)}setBindings(e){Object.assign(this.bindings,e)}_setPipelineNeedsUpdate(e){this._pipelineNeedsUpdate=this._pipelineNeedsUpdate||e}_updatePipeline(){if(this._pipelineNeedsUpdate){let e=null;this.pipeline&&(k.log(1,`Model ${this.id}: Recreating pipeline because "${this._pipelineNeedsUpdate}".`)(),e=this.shader),this._pipelineNeedsUpdate=!1,this.shader=this.shaderFactory.createShader({id:`${this.id}-fragment`,stage:`compute`,source:this.source,debugShaders:this.props.debugShaders}),this.pipeline=this.pipelineFactory.createComputePipeline({...this.props,shader:this.shader}),e&&this.shaderFactory.release(e)}return this.pipeline}_lastLogTime=0;_logOpen=!1;_logDrawCallStart(){let e=k.level>3?0:$f;k.level<2||Date.now()-this._lastLogTime<e||(this._lastLogTime=Date.now(),this._logOpen=!0,k.group(Qf,`>>> DRAWING MODEL ${this.id}`,{collapsed:k.level<=2})())}_logDrawCallEnd(){if(this._logOpen){let e=this.shaderInputs.getDebugTable();k.table(Qf,e)(),k.groupEnd(Qf)(),this._logOpen=!1}}_drawCount=0;_getBufferOrConstantValues(e,t){let n=se.getTypedArrayConstructor(t);return(e instanceof O?new n(e.debugData):e).toString()}};function tp(e){return{type:e.type,shaderLanguage:e.info.shadingLanguage,shaderLanguageVersion:e.info.shadingLanguageVersion,gpu:e.info.gpu,limits:e.limits,features:e.features}}var np={blendColorOperation:`add`,blendColorSrcFactor:`one`,blendColorDstFactor:`zero`,blendAlphaOperation:`add`,blendAlphaSrcFactor:`constant`,blendAlphaDstFactor:`zero`},rp=class extends bd{constructor(){super(...arguments),this._colorEncoderState=null}render(e){return`pickingFBO`in e?this._drawPickingBuffer(e):{decodePickingColor:null,stats:super._render(e)}}_drawPickingBuffer({layers:e,layerFilter:t,views:n,viewports:r,onViewportActive:i,pickingFBO:a,deviceRect:{x:o,y:s,width:c,height:l},cullRect:u,effects:d,pass:f=`picking`,pickZ:p,canvasContext:m,shaderModuleProps:h,clearColor:g}){this.pickZ=p;let _=this._resetColorEncoder(p),v=[o,s,c,l],y=super._render({target:a,layers:e,layerFilter:t,views:n,viewports:r,onViewportActive:i,cullRect:u,effects:d?.filter(e=>e.useInPicking),pass:f,canvasContext:m,isPicking:!0,shaderModuleProps:h,clearColor:g??[0,0,0,0],colorMask:15,scissorRect:v});return this._colorEncoderState=null,{decodePickingColor:_&&ap.bind(null,_),stats:y}}shouldDrawLayer(e){let{pickable:t,operation:n}=e.props;return t&&n.includes(`draw`)||n.includes(`terrain`)||n.includes(`mask`)}getShaderModuleProps(e,t,n){return{picking:{isActive:1,isAttribute:this.pickZ,disabledPickingIndices:e.internalState?.disabledPickingIndices},lighting:{enabled:!1}}}getLayerParameters(e,t,n){let r={...e.props.parameters},{pickable:i,operation:a}=e.props;return this._colorEncoderState?i&&a.includes(`draw`)?(Object.assign(r,np),r.blend=!0,this.device.type===`webgpu`?r.blendConstant=ip(this._colorEncoderState,e,n):r.blendColor=ip(this._colorEncoderState,e,n),a.includes(`terrain`)&&e.state?._hasPickingCover&&(r.blendAlphaSrcFactor=`one`)):a.includes(`terrain`)&&(r.blend=!1):r.blend=!1,r}_resetColorEncoder(e){return this._colorEncoderState=e?null:{byLayer:new Map,byAlpha:[]},this._colorEncoderState}};function ip(e,t,n){let{byLayer:r,byAlpha:i}=e,a,o=r.get(t);return o?(o.viewports.push(n),a=o.a):(a=r.size+1,a<=255?(o={a,layer:t,viewports:[n]},r.set(t,o),i[a]=o):(I.warn(`Too many pickable layers, only picking the first 255`)(),a=0)),[0,0,0,a/255]}function ap(e,t){let n=e.byAlpha[t[3]];return n&&{pickedLayer:n.layer,pickedViewports:n.viewports,pickedObjectIndex:n.layer.decodePickingColor(t)}}var op={NO_STATE:`Awaiting state`,MATCHED:`Matched. State transferred from previous layer`,INITIALIZED:`Initialized`,AWAITING_GC:`Discarded. Awaiting garbage collection`,AWAITING_FINALIZATION:`No longer matched. Awaiting garbage collection`,FINALIZED:`Finalized! Awaiting garbage collection`},sp=Symbol.for(`component`),cp=Symbol.for(`propTypes`),lp=Symbol.for(`deprecatedProps`),up=Symbol.for(`asyncPropDefaults`),dp=Symbol.for(`asyncPropOriginal`),fp=Symbol.for(`asyncPropResolved`);function pp(e,t=()=>!0){return Array.isArray(e)?mp(e,t,[]):t(e)?[e]:[]}function mp(e,t,n){let r=-1;for(;++r<e.length;){let i=e[r];Array.isArray(i)?mp(i,t,n):t(i)&&n.push(i)}return n}function hp({target:e,source:t,start:n=0,count:r=1}){let i=t.length,a=r*i,o=0;for(let r=n;o<i;o++)e[r++]=t[o];for(;o<a;)o<a-o?(e.copyWithin(n+o,n,n+o),o*=2):(e.copyWithin(n+o,n,n+a-o),o=a);return e}var gp=class{constructor(e,t,n){this._loadCount=0,this._subscribers=new Set,this.id=e,this.context=n,this.setData(t)}subscribe(e){this._subscribers.add(e)}unsubscribe(e){this._subscribers.delete(e)}inUse(){return this._subscribers.size>0}delete(){}getData(){return this.isLoaded?this._error?Promise.reject(this._error):this._content:this._loader.then(()=>this.getData())}setData(e,t){if(e===this._data&&!t)return;this._data=e;let n=++this._loadCount,r=e;typeof e==`string`&&(r=yi(e)),r instanceof Promise?(this.isLoaded=!1,this._loader=r.then(e=>{this._loadCount===n&&(this.isLoaded=!0,this._error=void 0,this._content=e)}).catch(e=>{this._loadCount===n&&(this.isLoaded=!0,this._error=e||!0)})):(this.isLoaded=!0,this._error=void 0,this._content=e);for(let e of this._subscribers)e.onChange(this.getData())}},_p=class{constructor(e){this.protocol=e.protocol||`resource://`,this._context={device:e.device,gl:e.device?.gl,resourceManager:this},this._resources={},this._consumers={},this._pruneRequest=null}contains(e){return e.startsWith(this.protocol)?!0:e in this._resources}add({resourceId:e,data:t,forceUpdate:n=!1,persistent:r=!0}){let i=this._resources[e];i?i.setData(t,n):(i=new gp(e,t,this._context),this._resources[e]=i),i.persistent=r}remove(e){let t=this._resources[e];t&&(t.delete(),delete this._resources[e])}unsubscribe({consumerId:e}){let t=this._consumers[e];if(t){for(let e in t){let n=t[e],r=this._resources[n.resourceId];r&&r.unsubscribe(n)}delete this._consumers[e],this.prune()}}subscribe({resourceId:e,onChange:t,consumerId:n,requestId:r=`default`}){let{_resources:i,protocol:a}=this;e.startsWith(a)&&(e=e.replace(a,``),i[e]||this.add({resourceId:e,data:null,persistent:!1}));let o=i[e];if(this._track(n,r,o,t),o)return o.getData()}prune(){this._pruneRequest||=setTimeout(()=>this._prune(),0)}finalize(){for(let e in this._resources)this._resources[e].delete()}_track(e,t,n,r){let i=this._consumers,a=i[e]=i[e]||{},o=a[t],s=o&&o.resourceId&&this._resources[o.resourceId];s&&(s.unsubscribe(o),this.prune()),n&&(o?(o.onChange=r,o.resourceId=n.id):o={onChange:r,resourceId:n.id},a[t]=o,n.subscribe(o))}_prune(){this._pruneRequest=null;for(let e of Object.keys(this._resources)){let t=this._resources[e];!t.persistent&&!t.inUse()&&(t.delete(),delete this._resources[e])}}},vp=`layerManager.setLayers`,yp=`layerManager.activateViewport`,bp=class{constructor(e,t){this._lastRenderedLayers=[],this._needsRedraw=!1,this._needsUpdate=!1,this._nextLayers=null,this._debug=!1,this._defaultShaderModulesChanged=!1,this.activateViewport=e=>{L(yp,this,e),e&&(this.context.viewport=e)};let{deck:n,stats:r,viewport:i,timeline:a}=t||{};this.layers=[],this.resourceManager=new _p({device:e,protocol:`deck://`}),this.context={mousePosition:null,userData:{},layerManager:this,device:e,gl:e?.gl,deck:n,shaderAssembler:cd(e?.info?.shadingLanguage||`glsl`),defaultShaderModules:[Ws],renderPass:void 0,stats:r||new Fn({id:`deck.gl`}),viewport:i||new Kd({id:`DEFAULT-INITIAL-VIEWPORT`}),timeline:a||new uf,resourceManager:this.resourceManager,onError:void 0},Object.seal(this)}finalize(){this.resourceManager.finalize();for(let e of this.layers)this._finalizeLayer(e)}needsRedraw(e={clearRedrawFlags:!1}){let t=this._needsRedraw;e.clearRedrawFlags&&(this._needsRedraw=!1);for(let n of this.layers){let r=n.getNeedsRedraw(e);t||=r}return t}needsUpdate(){return this._nextLayers&&this._nextLayers!==this._lastRenderedLayers?`layers changed`:this._defaultShaderModulesChanged?`shader modules changed`:this._needsUpdate}setNeedsRedraw(e){this._needsRedraw=this._needsRedraw||e}setNeedsUpdate(e){this._needsUpdate=this._needsUpdate||e}getLayers({layerIds:e}={}){return e?this.layers.filter(t=>e.find(e=>t.id.indexOf(e)===0)):this.layers}setProps(e){`debug`in e&&(this._debug=e.debug),`userData`in e&&(this.context.userData=e.userData),`layers`in e&&(this._nextLayers=e.layers),`onError`in e&&(this.context.onError=e.onError)}setLayers(e,t){L(vp,this,t,e),this._lastRenderedLayers=e;let n=pp(e,Boolean);for(let e of n)e.context=this.context;this._updateLayers(this.layers,n)}updateLayers(){let e=this.needsUpdate();e&&(this.setNeedsRedraw(`updating layers: ${e}`),this.setLayers(this._nextLayers||this._lastRenderedLayers,e)),this._nextLayers=null}addDefaultShaderModule(e){let{defaultShaderModules:t}=this.context;t.find(t=>t.name===e.name)||(t.push(e),this._defaultShaderModulesChanged=!0)}removeDefaultShaderModule(e){let{defaultShaderModules:t}=this.context,n=t.findIndex(t=>t.name===e.name);n>=0&&(t.splice(n,1),this._defaultShaderModulesChanged=!0)}_handleError(e,t,n){n.raiseError(t,`${e} of ${n}`)}_updateLayers(e,t){let n={};for(let t of e)n[t.id]?I.warn(`Multiple old layers with same id ${t.id}`)():n[t.id]=t;if(this._defaultShaderModulesChanged){for(let t of e)t.setNeedsUpdate(),t.setChangeFlags({extensionsChanged:!0});this._defaultShaderModulesChanged=!1}let r=[];this._updateSublayersRecursively(t,n,r),this._finalizeOldLayers(n);let i=!1;for(let e of r)if(e.hasUniformTransition()){i=`Uniform transition in ${e}`;break}this._needsUpdate=i,this.layers=r}_updateSublayersRecursively(e,t,n){for(let r of e){r.context=this.context;let e=t[r.id];e===null&&I.warn(`Multiple new layers with same id ${r.id}`)(),t[r.id]=null;let i=null;try{this._debug&&e!==r&&r.validateProps(),e?(this._transferLayerState(e,r),this._updateLayer(r)):this._initializeLayer(r),n.push(r),i=r.isComposite?r.getSubLayers():null}catch(e){this._handleError(`matching`,e,r)}i&&this._updateSublayersRecursively(i,t,n)}}_finalizeOldLayers(e){for(let t in e){let n=e[t];n&&this._finalizeLayer(n)}}_initializeLayer(e){try{e._initialize(),e.lifecycle=op.INITIALIZED}catch(t){this._handleError(`initialization`,t,e)}}_transferLayerState(e,t){t._transferState(e),t.lifecycle=op.MATCHED,t!==e&&(e.lifecycle=op.AWAITING_GC)}_updateLayer(e){try{e._update()}catch(t){this._handleError(`update`,t,e)}}_finalizeLayer(e){this._needsRedraw=this._needsRedraw||`finalized ${e}`,e.lifecycle=op.AWAITING_FINALIZATION;try{e._finalize(),e.lifecycle=op.FINALIZED}catch(t){this._handleError(`finalization`,t,e)}}};function G(e,t,n){if(e===t)return!0;if(!n||!e||!t)return!1;if(Array.isArray(e)){if(!Array.isArray(t)||e.length!==t.length)return!1;for(let r=0;r<e.length;r++)if(!G(e[r],t[r],n-1))return!1;return!0}if(Array.isArray(t))return!1;if(typeof e==`object`&&typeof t==`object`){let r=Object.keys(e),i=Object.keys(t);if(r.length!==i.length)return!1;for(let i of r)if(!t.hasOwnProperty(i)||!G(e[i],t[i],n-1))return!1;return!0}return!1}var xp=`default-canvas`,Sp=class{constructor(e){this.views=[],this.width=100,this.height=100,this.viewState={},this.controllers={},this.timeline=e.timeline,this._viewports=[],this._viewportMap={},this._isUpdating=!1,this._needsRedraw=`First render`,this._needsUpdate=`Initialize`,this._eventManager=e.eventManager,this._eventManagers=e.eventManagers||{},this._viewEventManagers={},this._eventCallbacks={onViewStateChange:e.onViewStateChange,onInteractionStateChange:e.onInteractionStateChange},this._pickPosition=e.pickPosition,this._getCanvasContext=e.getCanvasContext,Object.seal(this),this.setProps(e)}finalize(){for(let e in this.controllers){let t=this.controllers[e];t&&t.finalize()}this.controllers={}}needsRedraw(e={clearRedrawFlags:!1}){let t=this._needsRedraw;return e.clearRedrawFlags&&(this._needsRedraw=!1),t}setNeedsUpdate(e){this._needsUpdate=this._needsUpdate||e,this._needsRedraw=this._needsRedraw||e}updateViewStates(){for(let e in this.controllers){let t=this.controllers[e];t&&t.updateTransition()}}getViewports(e){return e?this._viewports.filter(t=>{let n=!e.canvasId||this.getCanvasId(t.id)===e.canvasId,r=!(`x`in e)||t.containsPixel(e);return n&&r}):this._viewports}getViews(){let e={};return this.views.forEach(t=>{e[t.id]=t}),e}getView(e){return this.views.find(t=>t.id===e)}getViewState(e){let t=typeof e==`string`?this.getView(e):e,n=t&&this.viewState[t.getViewStateId()]||this.viewState;return t?t.filterViewState(n):n}getViewport(e){return this._viewportMap[e]}getCanvasId(e){let t=typeof e==`string`?this.getView(e):e;return t?this._viewEventManagers[t.id]?.canvasId||this._getCanvasIdFromView(t):void 0}unproject(e,t){let n=this.getViewports(),r={x:e[0],y:e[1]};for(let i=n.length-1;i>=0;--i){let a=n[i];if(a.containsPixel(r)){let n=e.slice();return n[0]-=a.x,n[1]-=a.y,a.unproject(n,t)}}return null}setProps(e){e.views&&this._setViews(e.views),e.viewState&&this._setViewState(e.viewState),(`width`in e||`height`in e)&&this._setSize(e.width,e.height),`pickPosition`in e&&(this._pickPosition=e.pickPosition),`eventManagers`in e&&this._setEventManagers(e.eventManagers||{}),this._isUpdating||this._update()}_update(){this._isUpdating=!0,this._needsUpdate&&(this._needsUpdate=!1,this._rebuildViewports()),this._needsUpdate&&(this._needsUpdate=!1,this._rebuildViewports()),this._isUpdating=!1}_setSize(e,t){(e!==this.width||t!==this.height)&&(this.width=e,this.height=t,this.setNeedsUpdate(`Size changed`))}_setViews(e){e=pp(e,Boolean),this._diffViews(e,this.views)&&this.setNeedsUpdate(`views changed`),this.views=e}_setViewState(e){e?(G(e,this.viewState,3)||this.setNeedsUpdate(`viewState changed`),this.viewState=e):I.warn("missing `viewState` or `initialViewState`")()}_setEventManagers(e){this._eventManagers!==e&&(this._eventManagers=e,this.setNeedsUpdate(`eventManagers changed`))}_getCanvasIdFromView(e){return e.props.canvasId||this._getCanvasContext?.(e.id)?.id||`default-canvas`}_getCanvasDimensions(e){let[t,n]=(this._getCanvasContext?.(e.id))?.getCSSSize()||[this.width,this.height];return{width:t,height:n}}_getViewEventManager(e){let t=this.getCanvasId(e)||`default-canvas`;return{canvasId:t,eventManager:this._eventManagers[t]||this._eventManager}}_startViewportRebuild(){let e=this.controllers,t=this._viewEventManagers;return this._viewports=[],this.controllers={},this._viewEventManagers={},{oldControllers:e,oldViewEventManagers:t}}_getReusableController(e,t,n){return e&&(t?.canvasId!==n.canvasId||t?.eventManager!==n.eventManager)?(e.finalize(),null):e}_createController(e,t){let n=t.type;return new n({timeline:this.timeline,eventManager:this._getViewEventManager(e).eventManager,onViewStateChange:this._eventCallbacks.onViewStateChange,onStateChange:this._eventCallbacks.onInteractionStateChange,makeViewport:t=>this.getView(e.id)?.makeViewport({viewState:t,...this._getCanvasDimensions(e)}),pickPosition:(t,n)=>this._pickPosition?.(t,n,e.id)})}_updateController(e,t,n,r){let i=e.controller;if(i&&n){let a={...t,...i,id:e.id,x:n.x,y:n.y,width:n.width,height:n.height};return r&&r.constructor===i.type||(r=this._createController(e,a)),r&&r.setProps(a),r}return null}_rebuildViewports(){let{views:e}=this,{oldControllers:t,oldViewEventManagers:n}=this._startViewportRebuild(),r=!1;for(let i=e.length;i--;){let a=e[i],{width:o,height:s}=this._getCanvasDimensions(a),c=this._getViewEventManager(a);this._viewEventManagers[a.id]=c;let l=this.getViewState(a),u=a.makeViewport({viewState:l,width:o,height:s}),d=this._getReusableController(t[a.id],n[a.id],c),f=!!a.controller;f&&!d&&(r=!0),(r||!f)&&d&&(d.finalize(),d=null),this.controllers[a.id]=this._updateController(a,l,u,d),u&&this._viewports.unshift(u)}for(let e in t){let n=t[e];n&&!this.controllers[e]&&n.finalize()}this._buildViewportMap()}_buildViewportMap(){this._viewportMap={},this._viewports.forEach(e=>{e.id&&(this._viewportMap[e.id]=this._viewportMap[e.id]||e)})}_diffViews(e,t){return e.length!==t.length||e.some((n,r)=>!e[r].equals(t[r]))}},Cp=/^(?:\d+\.?\d*|\.\d+)$/;function wp(e){switch(typeof e){case`number`:if(!Number.isFinite(e))throw Error(`Could not parse position string ${e}`);return{type:`literal`,value:e};case`string`:try{return new Op(Dp(e)).parseExpression()}catch(t){let n=t instanceof Error?t.message:String(t);throw Error(`Could not parse position string ${e}: ${n}`)}default:throw Error(`Could not parse position string ${e}`)}}function Tp(e,t){switch(e.type){case`literal`:return e.value;case`percentage`:return Math.round(e.value*t);case`binary`:let n=Tp(e.left,t),r=Tp(e.right,t);return e.operator===`+`?n+r:n-r;default:throw Error(`Unknown layout expression type`)}}function Ep(e,t){return Tp(e,t)}function Dp(e){let t=[],n=0;for(;n<e.length;){let r=e[n];if(/\s/.test(r))n++;else if(r===`+`||r===`-`||r===`(`||r===`)`||r===`%`)t.push({type:`symbol`,value:r}),n++;else if(kp(r)||r===`.`){let i=n,a=r===`.`;for(n++;n<e.length;){let t=e[n];if(kp(t))n++;else if(t===`.`&&!a)a=!0,n++;else break}let o=e.slice(i,n);if(!Cp.test(o))throw Error(`Invalid number token`);t.push({type:`number`,value:parseFloat(o)})}else if(Ap(r)){let r=n;for(;n<e.length&&Ap(e[n]);)n++;let i=e.slice(r,n).toLowerCase();t.push({type:`word`,value:i})}else throw Error(`Invalid token in position string`)}return t}var Op=class{constructor(e){this.index=0,this.tokens=e}parseExpression(){let e=this.parseBinaryExpression();if(this.index<this.tokens.length)throw Error(`Unexpected token at end of expression`);return e}parseBinaryExpression(){let e=this.parseFactor(),t=this.peek();for(;jp(t);){this.index++;let n=this.parseFactor();e={type:`binary`,operator:t.value,left:e,right:n},t=this.peek()}return e}parseFactor(){let e=this.peek();if(!e)throw Error(`Unexpected end of expression`);if(e.type===`symbol`&&e.value===`+`)return this.index++,this.parseFactor();if(e.type===`symbol`&&e.value===`-`)return this.index++,{type:`binary`,operator:`-`,left:{type:`literal`,value:0},right:this.parseFactor()};if(e.type===`symbol`&&e.value===`(`){this.index++;let e=this.parseBinaryExpression();if(!this.consumeSymbol(`)`))throw Error(`Missing closing parenthesis`);return e}if(e.type===`word`&&e.value===`calc`){if(this.index++,!this.consumeSymbol(`(`))throw Error(`Missing opening parenthesis after calc`);let e=this.parseBinaryExpression();if(!this.consumeSymbol(`)`))throw Error(`Missing closing parenthesis`);return e}if(e.type===`number`){this.index++;let t=e.value,n=this.peek();return n&&n.type===`symbol`&&n.value===`%`?(this.index++,{type:`percentage`,value:t/100}):(n&&n.type===`word`&&n.value===`px`&&this.index++,{type:`literal`,value:t})}throw Error(`Unexpected token in expression`)}consumeSymbol(e){let t=this.peek();return t&&t.type===`symbol`&&t.value===e?(this.index++,!0):!1}peek(){return this.tokens[this.index]||null}};function kp(e){return e>=`0`&&e<=`9`}function Ap(e){return e>=`a`&&e<=`z`||e>=`A`&&e<=`Z`}function jp(e){return!(!e||e.type!==`symbol`||e.value!==`+`&&e.value!==`-`)}function Mp(e,t){let n={...e};for(let e in t)e!==`id`&&(n[e]=Array.isArray(n[e])&&Array.isArray(t[e])?Np(n[e],t[e]):t[e]);return n}function Np(e,t){e=e.slice();for(let n=0;n<t.length;n++){let r=t[n];Number.isFinite(r)&&(e[n]=r)}return e}var Pp=class{constructor(e){let{id:t,x:n=0,y:r=0,width:i=`100%`,height:a=`100%`,padding:o=null}=e;this.id=t||this.constructor.displayName||`view`,this.props={...e,id:this.id},this._x=wp(n),this._y=wp(r),this._width=wp(i),this._height=wp(a),this._padding=o&&{left:wp(o.left||0),right:wp(o.right||0),top:wp(o.top||0),bottom:wp(o.bottom||0)},this.equals=this.equals.bind(this),Object.seal(this)}equals(e){return this===e||this.constructor===e.constructor&&G(this.props,e.props,2)}clone(e){let t=this.constructor;return new t({...this.props,...e})}makeViewport({width:e,height:t,viewState:n}){n=this.filterViewState(n);let r=this.getDimensions({width:e,height:t});return!r.height||!r.width?null:new(this.getViewportType(n))({...n,...this.props,...r})}getViewStateId(){let{viewState:e}=this.props;return typeof e==`string`?e:e?.id||this.id}filterViewState(e){return this.props.viewState&&typeof this.props.viewState==`object`?this.props.viewState.id?Mp(e,this.props.viewState):this.props.viewState:e}getDimensions({width:e,height:t}){let n={x:Ep(this._x,e),y:Ep(this._y,t),width:Ep(this._width,e),height:Ep(this._height,t)};return this._padding&&(n.padding={left:Ep(this._padding.left,e),top:Ep(this._padding.top,t),right:Ep(this._padding.right,e),bottom:Ep(this._padding.bottom,t)}),n}get controller(){let e=this.props.controller;return e?e===!0?{type:this.ControllerType}:typeof e==`function`?{type:e}:{type:this.ControllerType,...e}:null}},Fp=class{constructor(e){this._inProgress=!1,this._handle=null,this.time=0,this.settings={duration:0},this._timeline=e}get inProgress(){return this._inProgress}start(e){this.cancel(),this.settings=e,this._inProgress=!0,this.settings.onStart?.(this)}end(){this._inProgress&&(this._timeline.removeChannel(this._handle),this._handle=null,this._inProgress=!1,this.settings.onEnd?.(this))}cancel(){this._inProgress&&=(this.settings.onInterrupt?.(this),this._timeline.removeChannel(this._handle),this._handle=null,!1)}update(){if(!this._inProgress)return!1;if(this._handle===null){let{_timeline:e,settings:t}=this;this._handle=e.addChannel({delay:e.getTime(),duration:t.duration})}return this.time=this._timeline.getTime(this._handle),this._onUpdate(),this.settings.onUpdate?.(this),this._timeline.isFinished(this._handle)&&this.end(),!0}_onUpdate(){}},Ip=()=>{},Lp={mode:`preserve`},Rp={mode:`hard`},zp={BREAK:1,SNAP_TO_END:2,IGNORE:3},Bp=e=>e,Vp=zp.BREAK,Hp=class{constructor(e){this._onTransitionUpdate=e=>{let{time:t,settings:{interpolator:n,startProps:r,endProps:i,duration:a,easing:o}}=e,s=o(t/a),c=n.interpolateProps(r,i,s);this.propsInTransition=this.getControllerState({...this.props,...c},Lp).getViewportProps(),this.onViewStateChange({viewState:this.propsInTransition,oldViewState:this.props})},this.getControllerState=e.getControllerState,this.propsInTransition=null,this.transition=new Fp(e.timeline),this.onViewStateChange=e.onViewStateChange||Ip,this.onStateChange=e.onStateChange||Ip}finalize(){this.transition.cancel()}getViewportInTransition(){return this.propsInTransition}processViewStateChange(e){let t=!1,n=this.props;if(this.props=e,!n||this._shouldIgnoreViewportChange(n,e))return!1;if(this._isTransitionEnabled(e)){let r=n;if(this.transition.inProgress){let{interruption:e,endProps:t}=this.transition.settings;r={...n,...e===zp.SNAP_TO_END?t:this.propsInTransition||n}}this._triggerTransition(r,e),t=!0}else this.transition.cancel();return t}updateTransition(){this.transition.update()}_isTransitionEnabled(e){let{transitionDuration:t,transitionInterpolator:n}=e;return(t>0||t===`auto`)&&!!n}_isUpdateDueToCurrentTransition(e){return this.transition.inProgress&&this.propsInTransition?this.transition.settings.interpolator.arePropsEqual(e,this.propsInTransition):!1}_shouldIgnoreViewportChange(e,t){return this.transition.inProgress?this.transition.settings.interruption===zp.IGNORE||this._isUpdateDueToCurrentTransition(t):!this._isTransitionEnabled(t)||t.transitionInterpolator.arePropsEqual(e,t)}_triggerTransition(e,t){let n=this.getControllerState(e,Lp),r=this.getControllerState(t,Rp).shortestPathFrom(n),i=t.transitionInterpolator,a=i.getDuration?i.getDuration(e,t):t.transitionDuration;if(a===0)return;let o=i.initializeProps(e,r);this.propsInTransition={};let s={duration:a,easing:t.transitionEasing||Bp,interpolator:i,interruption:t.transitionInterruption||Vp,startProps:o.start,endProps:o.end,onStart:t.onTransitionStart,onUpdate:this._onTransitionUpdate,onInterrupt:this._onTransitionEnd(t.onTransitionInterrupt),onEnd:this._onTransitionEnd(t.onTransitionEnd)};this.transition.start(s),this.onStateChange({inTransition:!0}),this.updateTransition()}_onTransitionEnd(e){return t=>{this.propsInTransition=null,this.onStateChange({inTransition:!1,isZooming:!1,isPanning:!1,isRotating:!1}),e?.(t)}}};function K(e,t){if(!e)throw Error(t||`deck.gl: assertion failed.`)}var Up=class{constructor(e){let{compare:t,extract:n,required:r}=e;this._propsToCompare=t,this._propsToExtract=n||t,this._requiredProps=r}arePropsEqual(e,t){for(let n of this._propsToCompare)if(!(n in e)||!(n in t)||!go(e[n],t[n]))return!1;return!0}initializeProps(e,t){let n={},r={};for(let i of this._propsToExtract)(i in e||i in t)&&(n[i]=e[i],r[i]=t[i]);return this._checkRequiredProps(n),this._checkRequiredProps(r),{start:n,end:r}}getDuration(e,t){return t.transitionDuration}_checkRequiredProps(e){this._requiredProps&&this._requiredProps.forEach(t=>{let n=e[t];K(Number.isFinite(n)||Array.isArray(n),`${t} is required for transition`)})}},Wp=[`longitude`,`latitude`,`zoom`,`bearing`,`pitch`],Gp=[`longitude`,`latitude`,`zoom`],Kp=class extends Up{constructor(e={}){let t=Array.isArray(e)?e:e.transitionProps,n=Array.isArray(e)?{}:e;n.transitionProps=Array.isArray(t)?{compare:t,required:t}:t||{compare:Wp,required:Gp},super(n.transitionProps),this.opts=n}initializeProps(e,t){let n=super.initializeProps(e,t),{makeViewport:r,around:i}=this.opts;if(r&&i){let a=r(e),o=r(t),s=a.unproject(i);n.start.around=i,Object.assign(n.end,{around:o.project(s),aroundPosition:s,width:t.width,height:t.height})}return n}interpolateProps(e,t,n){let r={};for(let i of this._propsToExtract)r[i]=ho(e[i]||0,t[i]||0,n);if(t.aroundPosition&&this.opts.makeViewport){let i=this.opts.makeViewport({...t,...r});Object.assign(r,i.panByPosition(t.aroundPosition,ho(e.around,t.around,n)))}return r}},qp={transitionDuration:0},Jp=300,Yp=300,Xp=e=>1-(1-e)*(1-e),Zp=e=>e===1?1:1-2**(-10*e),Qp={WHEEL:[`wheel`],PAN:[`panstart`,`panmove`,`panend`],PINCH:[`pinchstart`,`pinchmove`,`pinchend`],MULTI_PAN:[`multipanstart`,`multipanmove`,`multipanend`],DOUBLE_CLICK:[`dblclick`],DOUBLE_CLICK_DRAG:[`dblclickdragstart`,`dblclickdragmove`,`dblclickdragend`,`dblclickdragcancel`],KEYBOARD:[`keydown`]},$p={},em=class{constructor(e){this.state={},this._events={},this._interactionState={isDragging:!1},this._customEvents=[],this._eventStartBlocked=null,this._panMove=!1,this._multiPanMode=null,this._multiPanStartCenter=null,this._doubleClickDragAnchor=null,this._suppressDoubleClickUntil=0,this.invertPan=!1,this.dragMode=`rotate`,this.inertia=0,this.scrollZoom=!0,this.dragPan=!0,this.dragRotate=!0,this.doubleClickZoom=!0,this.doubleClickDragZoom=!0,this.touchZoom=!0,this.touchRotate=!1,this.multiTouchDrag=null,this.trackpadGesture=!1,this.zoomAround=`pointer`,this.keyboard=!0,this.transitionManager=new Hp({...e,getControllerState:(t,n)=>new this.ControllerState({...t,constraintContext:n,makeViewport:e.makeViewport}),onViewStateChange:this._onTransition.bind(this),onStateChange:this._setInteractionState.bind(this)}),this.handleEvent=this.handleEvent.bind(this),this.eventManager=e.eventManager,this.onViewStateChange=e.onViewStateChange||(()=>{}),this.onStateChange=e.onStateChange||(()=>{}),this.makeViewport=e.makeViewport,this.pickPosition=e.pickPosition}set events(e){this.toggleEvents(this._customEvents,!1),this.toggleEvents(e,!0),this._customEvents=e,this.props&&this.setProps(this.props)}finalize(){for(let e in this._events)this._events[e]&&this.eventManager?.off(e,this.handleEvent);this.transitionManager.finalize()}handleEvent(e){this._controllerState=void 0;let t=this._eventStartBlocked;switch(e.type){case`panstart`:return!t&&this._onPanStart(e);case`panmove`:return this._onPan(e);case`panend`:return this._onPanEnd(e);case`pinchstart`:return t||!this._isTrackpadGestureAllowed(e)?!1:this._onPinchStart(e);case`pinchmove`:return this._isTrackpadGestureAllowed(e)?this._onPinch(e):!1;case`pinchend`:return this._isTrackpadGestureAllowed(e)?this._onPinchEnd(e):!1;case`multipanstart`:return!t&&this._onMultiPanStart(e);case`multipanmove`:return this._onMultiPan(e);case`multipanend`:return this._onMultiPanEnd(e);case`dblclick`:return this._onDoubleClick(e);case`dblclickdragstart`:return!t&&this._onDoubleClickDragStart(e);case`dblclickdragmove`:return this._onDoubleClickDrag(e);case`dblclickdragend`:case`dblclickdragcancel`:return this._onDoubleClickDragEnd(e);case`wheel`:return this._onWheel(e);case`keydown`:return this._onKeyDown(e);default:return!1}}get controllerState(){return this._controllerState=this._controllerState||new this.ControllerState({makeViewport:this.makeViewport,...this.props,...this.state}),this._controllerState}getCenter(e){let{x:t,y:n}=this.props,{offsetCenter:r}=e;return[r.x-t,r.y-n]}getZoomPosition(e){if(this.zoomAround===`pointer`)return e;let t=this.makeViewport(this.controllerState.getViewportProps()),[n,r]=Mu(t.center,t.pixelProjectionMatrix);return[n,r]}isPointInBounds(e,t){let{width:n,height:r}=this.props;if(t&&t.handled)return!1;let i=e[0]>=0&&e[0]<=n&&e[1]>=0&&e[1]<=r;return i&&t&&t.stopPropagation(),i}isFunctionKeyPressed(e){let{srcEvent:t}=e;return!!(t.metaKey||t.altKey||t.ctrlKey||t.shiftKey)}isDragging(){return this._interactionState.isDragging||!1}blockEvents(e){let t=setTimeout(()=>{this._eventStartBlocked===t&&(this._eventStartBlocked=null)},e);this._eventStartBlocked=t}setProps(e){e.maxBoundsPadding===void 0&&(e.maxBoundsPadding=null),e.dragMode&&(this.dragMode=e.dragMode);let t=this.props;this.props=e,`transitionInterpolator`in e||(e.transitionInterpolator=this._getTransitionProps().transitionInterpolator),this.transitionManager.processViewStateChange(e);let{inertia:n}=e;this.inertia=Number.isFinite(n)?n:n===!0?Jp:0;let{scrollZoom:r=!0,dragPan:i=!0,dragRotate:a=!0,doubleClickZoom:o=!0,doubleClickDragZoom:s=!1,touchZoom:c=!0,touchRotate:l=!1,multiTouchDrag:u=l?`rotate`:null,trackpadGesture:d=!1,zoomAround:f=`pointer`,keyboard:p=!0}=e,m=!!this.onViewStateChange;if(this.toggleEvents(Qp.WHEEL,m&&r),this.toggleEvents(Qp.PAN,m),this.toggleEvents(Qp.PINCH,m&&(c||u===`rotate`)),this.toggleEvents(Qp.MULTI_PAN,m&&!!u),this.toggleEvents(Qp.DOUBLE_CLICK,m&&o),this.toggleEvents(Qp.DOUBLE_CLICK_DRAG,m&&s),this.toggleEvents(Qp.KEYBOARD,m&&p),this.scrollZoom=r,this.dragPan=i,this.dragRotate=a,this.doubleClickZoom=o,this.doubleClickDragZoom=s,this.touchZoom=c,this.touchRotate=u===`rotate`,this.multiTouchDrag=u,this.trackpadGesture=d,this.zoomAround=f,this.keyboard=p,(!t||t.height!==e.height||t.width!==e.width||t.maxBounds!==e.maxBounds||t.maxBoundsPadding!==e.maxBoundsPadding)&&e.maxBounds){let t=new this.ControllerState({...e,makeViewport:this.makeViewport}),n=t.getViewportProps();Object.keys(n).some(t=>!G(n[t],e[t],1))&&this.updateViewport(t)}}updateTransition(){this.transitionManager.updateTransition()}toggleEvents(e,t){this.eventManager&&e.forEach(e=>{this._events[e]!==t&&(this._events[e]=t,t?this.eventManager.on(e,this.handleEvent):this.eventManager.off(e,this.handleEvent))})}updateViewport(e,t=null,n={}){let r={...e.getViewportProps(),...t},i=this.controllerState!==e;if(this.state=e.getState(),this._setInteractionState(n),i){let e=this.controllerState&&this.controllerState.getViewportProps();this.onViewStateChange&&this.onViewStateChange({viewState:r,interactionState:this._interactionState,oldViewState:e,viewId:this.props.id})}}_onTransition(e){this.onViewStateChange({...e,interactionState:this._interactionState,viewId:this.props.id})}_setInteractionState(e){Object.assign(this._interactionState,e),this.onStateChange(this._interactionState)}_getConstraintContext(e,t){return this.props.rubberBand?{mode:t===`update`?`elastic`:t===`end`?`rebound`:`hard`}:{mode:`hard`}}_getReboundTransition(e,t){if(e.mode!==`rebound`)return null;let n=t.getViewportProps();return Object.keys(n).some(e=>!G(this.props[e],n[e],1))?{...this._getTransitionProps(),transitionDuration:Yp,transitionEasing:Zp}:null}_onPanStart(e){let t=this.getCenter(e);if(!this.isPointInBounds(t,e))return!1;let n=this.isFunctionKeyPressed(e)||e.rightButton||!1;(this.invertPan||this.dragMode===`pan`)&&(n=!n);let r=n?`pan`:`rotate`,i=this._getConstraintContext(r,`start`),a=n?this.controllerState.panStart({pos:t},i):this.controllerState.rotateStart({pos:t},i);return this._panMove=n,this.updateViewport(a,qp,{isDragging:!0}),!0}_onPan(e){return this.isDragging()?this._panMove?this._onPanMove(e):this._onPanRotate(e):!1}_onPanEnd(e){return this.isDragging()?this._panMove?this._onPanMoveEnd(e):this._onPanRotateEnd(e):!1}_onPanMove(e){if(!this.dragPan)return!1;let t=this.getCenter(e),n=this.controllerState.pan({pos:t},this._getConstraintContext(`pan`,`update`));return this.updateViewport(n,qp,{isDragging:!0,isPanning:!0}),!0}_onPanMoveEnd(e){let{inertia:t}=this;if(this.dragPan&&t&&e.velocity){let n=this.getCenter(e),r=[n[0]+e.velocityX*t/2,n[1]+e.velocityY*t/2],i=this.controllerState.pan({pos:r}).panEnd();this.updateViewport(i,{...this._getTransitionProps(),transitionDuration:t,transitionEasing:Xp},{isDragging:!1,isPanning:!0})}else{let e=this.controllerState,t=this._getConstraintContext(`pan`,`end`),n=e.panEnd(t),r=this._getReboundTransition(t,n);this.updateViewport(n,r,{isDragging:!1,isPanning:!!r})}return!0}_onPanRotate(e){if(!this.dragRotate)return!1;let t=this.getCenter(e),n=this.controllerState.rotate({pos:t},this._getConstraintContext(`rotate`,`update`));return this.updateViewport(n,qp,{isDragging:!0,isRotating:!0}),!0}_onPanRotateEnd(e){let{inertia:t}=this;if(this.dragRotate&&t&&e.velocity){let n=this.getCenter(e),r=[n[0]+e.velocityX*t/2,n[1]+e.velocityY*t/2],i=this.controllerState.rotate({pos:r}).rotateEnd();this.updateViewport(i,{...this._getTransitionProps(),transitionDuration:t,transitionEasing:Xp},{isDragging:!1,isRotating:!0})}else{let e=this.controllerState,t=this._getConstraintContext(`rotate`,`end`),n=e.rotateEnd(t),r=this._getReboundTransition(t,n);this.updateViewport(n,r,{isDragging:!1,isRotating:!!r})}return!0}_onWheel(e){if(!this.scrollZoom||this.trackpadGesture&&e.device!==`mouse`)return!1;let t=this.getCenter(e);if(!this.isPointInBounds(t,e))return!1;e.srcEvent.preventDefault();let{speed:n=.01,smooth:r=!1}=this.scrollZoom===!0?{}:this.scrollZoom,{delta:i}=e,a=2/(1+Math.exp(-Math.abs(i*n)));i<0&&a!==0&&(a=1/a);let o=this.getZoomPosition(t),s=r?{...this._getTransitionProps({around:o}),transitionDuration:250}:qp,c=this.controllerState.zoom({pos:o,scale:a});return this.updateViewport(c,s,{isZooming:!0,isPanning:!0}),r||this._setInteractionState({isZooming:!1,isPanning:!1}),!0}_onMultiPanStart(e){let{multiTouchDrag:t}=this;if(!t||!this._isMultiPanEventAllowed(e,t))return!1;let n=e.offsetCenter;if(!this.isPointInBounds(this.getCenter(e),e))return!1;let r=e.pointerType===`trackpad`,i={x:n.x-(r?0:e.deltaX),y:n.y-(r?0:e.deltaY)},a={...e,offsetCenter:i},o=this.getCenter(a),s=t===`pan`?this.controllerState.panStart({pos:o},this._getConstraintContext(`pan`,`start`)):this.controllerState.rotateStart({pos:o},this._getConstraintContext(`rotate`,`start`));return this._multiPanMode=t,this._multiPanStartCenter=i,this.updateViewport(s,qp,{isDragging:!0}),!0}_onMultiPan(e){let{mode:t,event:n}=this._getMultiPanEvent(e);return!t||!n||!this.isDragging()?!1:t===`pan`?this._onPanMove(n):this._onPanRotate(n)}_onMultiPanEnd(e){let{mode:t,event:n}=this._getMultiPanEvent(e);if(!t||!n||!this.isDragging())return this._resetMultiPan(),!1;let r=t===`pan`?this._onPanMoveEnd(n):this._onPanRotateEnd(n);return this._resetMultiPan(),r}_isTrackpadGestureAllowed(e){return e.pointerType!==`trackpad`||this.trackpadGesture}_isMultiPanEventAllowed(e,t){return e.pointerType===`trackpad`?this.trackpadGesture&&(t===`pan`?this.dragPan:this.dragRotate):e.pointerType===`touch`&&(t===`pan`?this.dragPan:this.dragRotate)}_getMultiPanEvent(e){let t=this._multiPanMode,n=this._multiPanStartCenter;return!t||!n?{mode:null,event:null}:{mode:t,event:{...e,offsetCenter:{x:n.x+e.deltaX,y:n.y+e.deltaY}}}}_resetMultiPan(){this._multiPanMode=null,this._multiPanStartCenter=null}_onPinchStart(e){this._doubleClickDragAnchor=null;let t=this.getCenter(e);if(!this.isPointInBounds(t,e))return!1;let n=this.controllerState.zoomStart({pos:this.getZoomPosition(t)},this._getConstraintContext(`zoom`,`start`)).rotateStart({pos:t},this._getConstraintContext(`rotate`,`start`));return $p._startPinchRotation=e.rotation,$p._lastPinchEvent=e,this.updateViewport(n,qp,{isDragging:!0}),!0}_onPinch(e){if(!this.touchZoom&&!this.touchRotate||!this.isDragging())return!1;let t=this.controllerState;if(this.touchZoom){let{scale:n}=e,r=this.getCenter(e);t=t.zoom({pos:this.getZoomPosition(r),scale:n},this._getConstraintContext(`zoom`,`update`))}if(this.touchRotate){let{rotation:n}=e;t=t.rotate({deltaAngleX:$p._startPinchRotation-n},this._getConstraintContext(`rotate`,`update`))}return this.updateViewport(t,qp,{isDragging:!0,isPanning:this.touchZoom,isZooming:this.touchZoom,isRotating:this.touchRotate}),$p._lastPinchEvent=e,!0}_onPinchEnd(e){if(!this.isDragging())return!1;let{inertia:t}=this,{_lastPinchEvent:n}=$p;if(this.touchZoom&&t&&n&&e.scale!==n.scale){let r=this.getCenter(e),i=this.getZoomPosition(r),a=this.controllerState.rotateEnd(),o=Math.log2(e.scale),s=2**(o+(o-Math.log2(n.scale))/(e.deltaTime-n.deltaTime)*t/2);a=a.zoom({pos:i,scale:s}).zoomEnd(),this.updateViewport(a,{...this._getTransitionProps({around:i}),transitionDuration:t,transitionEasing:Xp},{isDragging:!1,isPanning:this.touchZoom,isZooming:this.touchZoom,isRotating:!1}),this.blockEvents(t)}else{let e=this.controllerState,t=this._getConstraintContext(`zoom`,`end`),n=this._getConstraintContext(`rotate`,`end`),r=e.zoomEnd(t).rotateEnd(n),i=this._getReboundTransition(this.touchZoom?t:n,r);this.updateViewport(r,i,{isDragging:!1,isPanning:!!i&&this.touchZoom,isZooming:!!i&&this.touchZoom,isRotating:!!i&&this.touchRotate})}return $p._startPinchRotation=null,$p._lastPinchEvent=null,!0}_onDoubleClick(e){if(!this.doubleClickZoom||Date.now()<this._suppressDoubleClickUntil)return!1;let t=this.getCenter(e);if(!this.isPointInBounds(t,e))return!1;let n=this.isFunctionKeyPressed(e),r=this.getZoomPosition(t),i=this.controllerState.zoom({pos:r,scale:n?.5:2});return this.updateViewport(i,this._getTransitionProps({around:r}),{isZooming:!0,isPanning:!0}),this.blockEvents(100),!0}_onDoubleClickDragStart(e){if(!this.doubleClickDragZoom)return this._doubleClickDragAnchor=null,!1;let t=this.getCenter(e);if(!this.isPointInBounds(t,e))return this._doubleClickDragAnchor=null,!1;this._doubleClickDragAnchor=this.getZoomPosition(t);let n=this.controllerState.zoomStart({pos:this._doubleClickDragAnchor},this._getConstraintContext(`zoom`,`start`));return e.scale!==1&&(n=n.zoom({pos:this._doubleClickDragAnchor,scale:e.scale},this._getConstraintContext(`zoom`,`update`))),this.updateViewport(n,qp,{isDragging:!0,isPanning:!0,isZooming:!0}),!0}_onDoubleClickDrag(e){let t=this._doubleClickDragAnchor;if(!t)return!1;let n=this.controllerState.zoom({pos:t,scale:e.scale},this._getConstraintContext(`zoom`,`update`));return this.updateViewport(n,qp,{isDragging:!0,isPanning:!0,isZooming:!0}),!0}_onDoubleClickDragEnd(e){if(!this._doubleClickDragAnchor)return!1;this._doubleClickDragAnchor=null;let t=this.controllerState,n=this._getConstraintContext(`zoom`,`end`),r=t.zoomEnd(n),i=this._getReboundTransition(n,r);return this.updateViewport(r,i,{isDragging:!1,isPanning:!!i,isZooming:!!i}),this._suppressDoubleClickUntil=Date.now()+100,this.blockEvents(100),!0}_onKeyDown(e){if(!this.keyboard)return!1;let t=this.isFunctionKeyPressed(e),{zoomSpeed:n,moveSpeed:r,rotateSpeedX:i,rotateSpeedY:a}=this.keyboard===!0?{}:this.keyboard,{controllerState:o}=this,s,c={};switch(e.srcEvent.code){case`Minus`:s=t?o.zoomOut(n).zoomOut(n):o.zoomOut(n),c.isZooming=!0;break;case`Equal`:s=t?o.zoomIn(n).zoomIn(n):o.zoomIn(n),c.isZooming=!0;break;case`ArrowLeft`:t?(s=o.rotateLeft(i),c.isRotating=!0):(s=o.moveLeft(r),c.isPanning=!0);break;case`ArrowRight`:t?(s=o.rotateRight(i),c.isRotating=!0):(s=o.moveRight(r),c.isPanning=!0);break;case`ArrowUp`:t?(s=o.rotateUp(a),c.isRotating=!0):(s=o.moveUp(r),c.isPanning=!0);break;case`ArrowDown`:t?(s=o.rotateDown(a),c.isRotating=!0):(s=o.moveDown(r),c.isPanning=!0);break;default:return!1}return this.updateViewport(s,this._getTransitionProps(),c),!0}_getTransitionProps(e){let{transition:t}=this;return!t||!t.transitionInterpolator?qp:e?{...t,transitionInterpolator:new Kp({...e,...t.transitionInterpolator.opts,makeViewport:this.controllerState.makeViewport})}:t}},tm=Symbol(`constraintAround`),nm=class{constructor(e,t,n,r){this.makeViewport=n,this._viewportProps=this.applyConstraints(e,r),this._state=t}getViewportProps(){return this._viewportProps}getState(){return this._state}};function rm(e,t,n){let r=e-t;return r&&Number.isFinite(r)?t+r*n/(n+Math.abs(r)):t}function im(e,t,n){let r=Ep(wp(n?.left??0),e),i=Ep(wp(n?.right??0),e),a=Ep(wp(n?.top??0),t),o=Ep(wp(n?.bottom??0),t);return{x:r,y:a,width:e-r-i,height:t-a-o}}function am(e,t,n){let[r,i]=e.project(t);return r=Number.isFinite(r)?r:e.width/2,i=Number.isFinite(i)?i:e.height/2,{left:r-n.x,right:n.x+n.width-r,top:i-n.y,bottom:n.y+n.height-i}}var om=5,sm=1.2,cm=512,lm=[[-1/0,-90],[1/0,90]],um=1;function dm([e,t]){if(Math.abs(t)>90&&(t=Math.sign(t)*90),Number.isFinite(e)){let[n,r]=Su([e,t]);return[n,z(r,0,cm)]}let[,n]=Su([0,t]);return[e,z(n,0,cm)]}var fm=class extends nm{constructor(e){let{width:t,height:n,latitude:r,longitude:i,zoom:a,bearing:o=0,pitch:s=0,altitude:c=1.5,position:l=[0,0,0],maxZoom:u=20,minZoom:d=0,maxPitch:f=60,minPitch:p=0,startPanLngLat:m,startZoomLngLat:h,startRotatePos:g,startRotateLngLat:_,startBearing:v,startPitch:y,startZoom:b,normalize:x=!0,rubberBand:S=!1}=e,{[tm]:C}=e;K(Number.isFinite(i)),K(Number.isFinite(r)),K(Number.isFinite(a));let w=e.maxBounds||(x?lm:null),T=e.maxBoundsPadding||null;super({width:t,height:n,latitude:r,longitude:i,zoom:a,bearing:o,pitch:s,altitude:c,maxZoom:u,minZoom:d,maxPitch:f,minPitch:p,normalize:x,position:l,maxBounds:w,maxBoundsPadding:T,rubberBand:S,[tm]:C},{startPanLngLat:m,startZoomLngLat:h,startRotatePos:g,startRotateLngLat:_,startBearing:v,startPitch:y,startZoom:b},e.makeViewport,e.constraintContext),this.getAltitude=e.getAltitude}panStart({pos:e},t){return this._getUpdatedState({startPanLngLat:this._unproject(e)},t)}pan({pos:e,startPos:t},n){let r=this.getState().startPanLngLat||this._unproject(t);if(!r)return this;let i=this.makeViewport(this.getViewportProps()).panByPosition(r,e);return this._getUpdatedState(i,n)}panEnd(e){return this._getUpdatedState({startPanLngLat:null},e)}rotateStart({pos:e}){let t=this.getAltitude?.(e);return this._getUpdatedState({startRotatePos:e,startRotateLngLat:t===void 0?void 0:this._unproject3D(e,t),startBearing:this.getViewportProps().bearing,startPitch:this.getViewportProps().pitch})}rotate({pos:e,deltaAngleX:t=0,deltaAngleY:n=0}){let{startRotatePos:r,startRotateLngLat:i,startBearing:a,startPitch:o}=this.getState();if(!r||a===void 0||o===void 0)return this;let s;if(s=e?this._getNewRotation(e,r,o,a):{bearing:a+t,pitch:o+n},i){let e=this.makeViewport({...this.getViewportProps(),...s}),t=`panByPosition3D`in e?`panByPosition3D`:`panByPosition`;return this._getUpdatedState({...s,...e[t](i,r)})}return this._getUpdatedState(s)}rotateEnd(){return this._getUpdatedState({startRotatePos:null,startRotateLngLat:null,startBearing:null,startPitch:null})}zoomStart({pos:e},t){return this._getUpdatedState({startZoomLngLat:this._unproject(e),startZoom:this.getViewportProps().zoom},t)}zoom({pos:e,startPos:t,scale:n},r){let{startZoom:i,startZoomLngLat:a}=this.getState();return a||=(i=this.getViewportProps().zoom,this._unproject(t)||this._unproject(e)),a?this._getUpdatedState({zoom:i+Math.log2(n),[tm]:{position:a,screenPosition:e}},r):this}zoomEnd(e){return this._getUpdatedState({startZoomLngLat:null,startZoom:null},e)}zoomIn(e=2,t){return this._zoomFromCenter(e,t)}zoomOut(e=2,t){return this._zoomFromCenter(1/e,t)}moveLeft(e=100,t){return this._panFromCenter([e,0],t)}moveRight(e=100,t){return this._panFromCenter([-e,0],t)}moveUp(e=100,t){return this._panFromCenter([0,e],t)}moveDown(e=100,t){return this._panFromCenter([0,-e],t)}rotateLeft(e=15){return this._getUpdatedState({bearing:this.getViewportProps().bearing-e})}rotateRight(e=15){return this._getUpdatedState({bearing:this.getViewportProps().bearing+e})}rotateUp(e=10){return this._getUpdatedState({pitch:this.getViewportProps().pitch+e})}rotateDown(e=10){return this._getUpdatedState({pitch:this.getViewportProps().pitch-e})}shortestPathFrom(e){let t=e.getViewportProps(),n={...this.getViewportProps()},{bearing:r,longitude:i}=n;return Math.abs(r-t.bearing)>180&&(n.bearing=r<0?r+360:r-360),Math.abs(i-t.longitude)>180&&(n.longitude=i<0?i+360:i-360),n}applyConstraints(e,t){let n=e,r=n[tm];delete n[tm];let{maxPitch:i,minPitch:a,pitch:o,bearing:s,normalize:c,maxBounds:l,rubberBand:u}=e;c&&(s<-180||s>180)&&(e.bearing=jd(s+180,360)-180),e.pitch=z(o,a,i);let d=this._constrainZoom(e.zoom,e),f=u&&t?.mode===`elastic`;if(e.zoom=t?.mode===`preserve`?e.zoom:f?rm(e.zoom,d,um):d,r){let t=this.makeViewport(e);Object.assign(e,t.panByPosition(r.position,r.screenPosition))}if(c&&(e.longitude<-180||e.longitude>180)&&(e.longitude=jd(e.longitude+180,360)-180),l){let n=im(e.width,e.height,e.maxBoundsPadding),r=am(this.makeViewport({...e,bearing:0,pitch:0}),[e.longitude,e.latitude],n),i=dm(l[0]),a=dm(l[1]),o=2**e.zoom,s=[i[0]+r.left/o,i[1]+r.bottom/o],c=[a[0]-r.right/o,a[1]-r.top/o],u=dm([e.longitude,e.latitude]),d=[z(u[0],s[0],c[0]),z(u[1],s[1],c[1])],p=u.slice();if(n.width>=0&&(p[0]=t?.mode===`preserve`?u[0]:f?rm(u[0],d[0],n.width/2/o):d[0]),n.height>=0&&(p[1]=t?.mode===`preserve`?u[1]:f?rm(u[1],d[1],n.height/2/o):d[1]),p[0]!==u[0]||p[1]!==u[1]){let[t,n]=Cu(p);p[0]!==u[0]&&(e.longitude=t),p[1]!==u[1]&&(e.latitude=n)}}return e}_constrainZoom(e,t){t||=this.getViewportProps();let{maxZoom:n,maxBounds:r}=t,i=r!==null&&t.width>0&&t.height>0,{minZoom:a}=t;if(i){let e=im(t.width,t.height,t.maxBoundsPadding),i=dm(r[0]),o=dm(r[1]),s=o[0]-i[0],c=o[1]-i[1];e.width>0&&Number.isFinite(s)&&s>0&&(a=Math.max(a,Math.log2(e.width/s))),e.height>0&&Number.isFinite(c)&&c>0&&(a=Math.max(a,Math.log2(e.height/c))),a>n&&(a=n)}return z(e,a,n)}_zoomFromCenter(e,t){let{width:n,height:r}=this.getViewportProps();return this.zoom({pos:[n/2,r/2],scale:e},t)}_panFromCenter(e,t){let{width:n,height:r}=this.getViewportProps();return this.pan({startPos:[n/2,r/2],pos:[n/2+e[0],r/2+e[1]]},t)}_getUpdatedState(e,t){return new this.constructor({makeViewport:this.makeViewport,...this.getViewportProps(),...this.getState(),...e,constraintContext:t})}_unproject(e){let t=this.makeViewport(this.getViewportProps());return e&&t.unproject(e)}_unproject3D(e,t){return this.makeViewport(this.getViewportProps()).unproject(e,{targetZ:t})}_getNewRotation(e,t,n,r){let i=e[0]-t[0],a=e[1]-t[1],o=e[1],s=t[1],{width:c,height:l}=this.getViewportProps(),u=i/c,d=0;a>0?Math.abs(l-s)>om&&(d=a/(s-l)*sm):a<0&&s>om&&(d=1-o/s),d=z(d,-1,1);let{minPitch:f,maxPitch:p}=this.getViewportProps(),m=r+180*u,h=n;return d>0?h=n+d*(p-n):d<0&&(h=n-d*(f-n)),{pitch:h,bearing:m}}},pm=class extends em{constructor(){super(...arguments),this.ControllerState=fm,this.transition={transitionDuration:300,transitionInterpolator:new Kp({transitionProps:{compare:[`longitude`,`latitude`,`zoom`,`bearing`,`pitch`,`position`],required:[`longitude`,`latitude`,`zoom`]}})},this.dragMode=`pan`,this.rotationPivot=`center`,this._getAltitude=e=>{if(this.rotationPivot===`2d`)return 0;if(this.rotationPivot===`3d`&&this.pickPosition){let{x:t,y:n}=this.props,r=this.pickPosition(t+e[0],n+e[1]);if(r&&r.coordinate&&r.coordinate.length>=3)return r.coordinate[2]}}}setProps(e){`rotationPivot`in e&&(this.rotationPivot=e.rotationPivot||`center`),e.getAltitude=this._getAltitude,e.position=e.position||[0,0,0],e.maxBounds=e.maxBounds||(e.normalize===!1?null:lm),super.setProps(e)}updateViewport(e,t=null,n={}){let r=e.getState();n.isDragging&&r.startRotateLngLat?n={...n,rotationPivotPosition:r.startRotateLngLat}:n.isDragging===!1&&(n={...n,rotationPivotPosition:void 0}),super.updateViewport(e,t,n)}},mm=class extends Pp{constructor(e={}){super(e)}getViewportType(){return qd}get ControllerType(){return pm}};mm.displayName=`MapView`;var hm=new Od;function gm(e,t){return(e.order??1/0)-(t.order??1/0)}var _m=class{constructor(e){this._resolvedEffects=[],this._defaultEffects=[],this.effects=[],this._context=e,this._needsRedraw=`Initial render`,this._setEffects([])}addDefaultEffect(e){let t=this._defaultEffects;if(!t.find(t=>t.id===e.id)){let n=t.findIndex(t=>gm(t,e)>0);n<0?t.push(e):t.splice(n,0,e),e.setup(this._context),this._setEffects(this.effects)}}setProps(e){`effects`in e&&(G(e.effects,this.effects,1)||this._setEffects(e.effects))}needsRedraw(e={clearRedrawFlags:!1}){let t=this._needsRedraw;return e.clearRedrawFlags&&(this._needsRedraw=!1),t}getEffects(){return this._resolvedEffects}_setEffects(e){let t={};for(let e of this.effects)t[e.id]=e;let n=[];for(let r of e){let e=t[r.id],i=r;e&&e!==r?e.setProps?(e.setProps(r.props),i=e):e.cleanup(this._context):e||r.setup(this._context),n.push(i),delete t[r.id]}for(let e in t)t[e].cleanup(this._context);this.effects=n,this._resolvedEffects=n.concat(this._defaultEffects),e.some(e=>e instanceof Od)||this._resolvedEffects.push(hm),this._needsRedraw=`effects changed`}finalize(){for(let e of this._resolvedEffects)e.cleanup(this._context);this.effects.length=0,this._resolvedEffects.length=0,this._defaultEffects.length=0}},vm=class extends bd{shouldDrawLayer(e){let{operation:t}=e.props;return t.includes(`draw`)||t.includes(`terrain`)}render(e){return this._render(e)}},ym=`deckRenderer.renderLayers`,bm=class{constructor(e,t={}){this.device=e,this.stats=t.stats,this.layerFilter=null,this.drawPickingColors=!1,this.drawLayersPass=new vm(e),this.pickLayersPass=new rp(e),this.renderCount=0,this._needsRedraw=`Initial render`,this.renderBuffers=[],this.lastPostProcessEffect=null}setProps(e){this.layerFilter!==e.layerFilter&&(this.layerFilter=e.layerFilter,this._needsRedraw=`layerFilter changed`),this.drawPickingColors!==e.drawPickingColors&&(this.drawPickingColors=e.drawPickingColors,this._needsRedraw=`drawPickingColors changed`)}renderLayers(e){let t=this.drawPickingColors?this.pickLayersPass:this.drawLayersPass,n={layerFilter:this.layerFilter,isPicking:this.drawPickingColors,...e};if(!e.viewports.length){let e=t.render(n),r=`stats`in e?e.stats:e;this._updateStats(r);return}n.effects&&this._preRender(n.effects,n);let r=this.lastPostProcessEffect?this.renderBuffers[0]:n.target;this.lastPostProcessEffect&&(n.clearColor=[0,0,0,0],n.clearCanvas=!0);let i=t.render({...n,target:r}),a=`stats`in i?i.stats:i;n.effects&&(this.lastPostProcessEffect&&(n.clearCanvas=e.clearCanvas===void 0||e.clearCanvas),this._postRender(n.effects,n)),this.renderCount++,L(ym,this,a,e),this._updateStats(a)}needsRedraw(e={clearRedrawFlags:!1}){let t=this._needsRedraw;return e.clearRedrawFlags&&(this._needsRedraw=!1),t}finalize(){let{renderBuffers:e}=this;for(let t of e)t.delete();e.length=0}_updateStats(e){if(!this.stats)return;let t=0;for(let{visibleCount:n}of e)t+=n;this.stats.get(`Layers rendered`).addCount(t)}_preRender(e,t){this.lastPostProcessEffect=null,t.preRenderStats=t.preRenderStats||{};for(let n of e)t.preRenderStats[n.id]=n.preRender(t),n.postRender&&(this.lastPostProcessEffect=n.id);this.lastPostProcessEffect&&this._resizeRenderBuffers(t.canvasContext)}_resizeRenderBuffers(e=this.device.canvasContext){let{renderBuffers:t}=this,n=e.getDrawingBufferSize(),[r,i]=n;t.length===0&&[0,1].map(e=>{let n=this.device.createTexture({sampler:{minFilter:`linear`,magFilter:`linear`},width:r,height:i});t.push(this.device.createFramebuffer({id:`deck-renderbuffer-${e}`,colorAttachments:[n]}))});for(let e of t)e.resize(n)}_postRender(e,t){let{renderBuffers:n}=this,r=t.target??t.canvasContext?.getCurrentFramebuffer()??t.target,i={...t,inputBuffer:n[0],swapBuffer:n[1]};for(let t of e)if(t.postRender){i.target=t.id===this.lastPostProcessEffect?r:void 0;let e=t.postRender(i);i.inputBuffer=e,i.swapBuffer=e===n[0]?n[1]:n[0]}}},xm={pickedColor:null,pickedObjectIndex:-1};function Sm({pickedColors:e,decodePickingColor:t,deviceX:n,deviceY:r,deviceRadius:i,deviceRect:a}){let{x:o,y:s,width:c,height:l}=a,u=i*i,d=-1,f=0;for(let t=0;t<l;t++){let i=t+s-r,a=i*i;if(a>u)f+=4*c;else for(let t=0;t<c;t++){if(e[f+3]-1>=0){let e=t+o-n,r=e*e+a;r<=u&&(u=r,d=f)}f+=4}}if(d>=0){let n=e.slice(d,d+4),r=t(n);if(r){let e=Math.floor(d/4/c),t=d/4-e*c;return{...r,pickedColor:n,pickedX:o+t,pickedY:s+e}}I.error(`Picked non-existent layer. Is picking buffer corrupt?`)()}return xm}function Cm({pickedColors:e,decodePickingColor:t}){let n=new Map;if(e){for(let r=0;r<e.length;r+=4)if(e[r+3]-1>=0){let i=e.slice(r,r+4),a=i.join(`,`);if(!n.has(a)){let e=t(i);e?n.set(a,{...e,color:i}):I.error(`Picked non-existent layer. Is picking buffer corrupt?`)()}}}return Array.from(n.values())}function wm({pickInfo:e,viewports:t,pixelRatio:n,x:r,y:i,z:a}){let o=t[0];t.length>1&&(o=Dm(e?.pickedViewports||t,{x:r,y:i}));let s;if(o){let e=[r-o.x,i-o.y];a!==void 0&&(e[2]=a),s=o.unproject(e)}return{color:null,layer:null,viewport:o,index:-1,picked:!1,x:r,y:i,pixel:[r,i],coordinate:s,devicePixel:e&&`pickedX`in e?[e.pickedX,e.pickedY]:void 0,pixelRatio:n}}function Tm(e){let{pickInfo:t,lastPickedInfo:n,mode:r,layers:i}=e,{pickedColor:a,pickedLayer:o,pickedObjectIndex:s}=t,c=o?[o]:[];if(r===`hover`){let e=n.index,t=n.layerId,r=o?o.props.id:null;if(r!==t||s!==e){if(r!==t){let e=i.find(e=>e.props.id===t);e&&c.unshift(e)}n.layerId=r,n.index=s,n.info=null}}let l=wm(e),u=new Map;return u.set(null,l),c.forEach(e=>{let t={...l};e===o&&(t.color=a,t.index=s,t.picked=!0),t=Em({layer:e,info:t,mode:r});let i=t.layer;e===o&&r===`hover`&&(n.info=t),u.set(i.id,t),r===`hover`&&i.updateAutoHighlight(t)}),u}function Em({layer:e,info:t,mode:n}){for(;e&&t;){let r=t.layer||null;t.sourceLayer=r,t.layer=e,t=e.getPickingInfo({info:t,mode:n,sourceLayer:r}),e=e.parent}return t}function Dm(e,t){for(let n=e.length-1;n>=0;n--){let r=e[n];if(r.containsPixel(t))return r}return e[0]}var Om=class{constructor(e,t={}){this._pickable=!0,this.device=e,this.stats=t.stats,this.pickLayersPass=new rp(e),this.lastPickedInfo={index:-1,layerId:null,info:null}}setProps(e){`layerFilter`in e&&(this.layerFilter=e.layerFilter),`_pickable`in e&&(this._pickable=e._pickable)}finalize(){this.pickingFBO&&this.pickingFBO.destroy(),this.depthFBO&&this.depthFBO.destroy()}pickObjectAsync(e){return this._pickClosestObjectAsync(e)}pickObjectsAsync(e){return this._pickVisibleObjectsAsync(e)}pickObject(e){return this._pickClosestObject(e)}pickObjects(e){return this._pickVisibleObjects(e)}getLastPickedObject({x:e,y:t,layers:n,viewports:r},i=this.lastPickedInfo.info){let a=i&&i.layer&&i.layer.id,o=i&&i.viewport&&i.viewport.id,s=a?n.find(e=>e.id===a):null,c=o&&r.find(e=>e.id===o)||r[0],l={x:e,y:t,viewport:c,coordinate:c&&c.unproject([e-c.x,t-c.y]),layer:s};return{...i,...l}}_resizeBuffer(e=this.device.getDefaultCanvasContext()){if(!this.pickingFBO){let e=this.device.createTexture({format:`rgba8unorm`,width:1,height:1,usage:j.RENDER_ATTACHMENT|j.COPY_SRC});if(this.pickingFBO=this.device.createFramebuffer({colorAttachments:[e],depthStencilAttachment:`depth16unorm`}),this.device.isTextureFormatRenderable(`rgba32float`)){let e=this.device.createTexture({format:`rgba32float`,width:1,height:1,usage:j.RENDER_ATTACHMENT|j.COPY_SRC}),t=this.device.createFramebuffer({colorAttachments:[e],depthStencilAttachment:`depth16unorm`});this.depthFBO=t}}let[t,n]=e.getDrawingBufferSize();this.pickingFBO?.resize({width:t,height:n}),this.depthFBO?.resize({width:t,height:n})}_getPickable(e){if(this._pickable===!1)return null;let t=e.filter(e=>this.pickLayersPass.shouldDrawLayer(e)&&!e.isComposite);return t.length?t:null}async _pickClosestObjectAsync({layers:e,views:t,viewports:n,x:r,y:i,radius:a=0,depth:o=1,mode:s=`query`,unproject3D:c,canvasContext:l=this.device.getDefaultCanvasContext(),onViewportActive:u,effects:d}){let f=l.cssToDeviceRatio(),p=this._getPickable(e);if(!p||n.length===0)return{result:[],emptyInfo:wm({viewports:n,x:r,y:i,pixelRatio:f})};this._resizeBuffer(l);let m=l.cssToDevicePixels([r,i],!0),h=[m.x+Math.floor(m.width/2),m.y+Math.floor(m.height/2)],g=Math.round(a*f),{width:_,height:v}=this.pickingFBO,y=this._getPickingRect({deviceX:h[0],deviceY:h[1],deviceRadius:g,deviceWidth:_,deviceHeight:v}),b={x:r-a,y:i-a,width:a*2+1,height:a*2+1},x,S=[],C=new Set;for(let e=0;e<o;e++){let a;a=y?Sm({...await this._drawAndSampleAsync({layers:p,views:t,viewports:n,onViewportActive:u,deviceRect:y,cullRect:b,effects:d,pass:`picking:${s}`,canvasContext:l}),deviceX:h[0],deviceY:h[1],deviceRadius:g,deviceRect:y}):{pickedColor:null,pickedObjectIndex:-1};let m,_=this._getDepthLayers(a,p,c);if(_.length>0){let{pickedColors:e}=await this._drawAndSampleAsync({layers:_,views:t,viewports:n,onViewportActive:u,deviceRect:{x:a.pickedX??h[0],y:a.pickedY??h[1],width:1,height:1},cullRect:b,effects:d,pass:`picking:${s}:z`,canvasContext:l},!0);e[3]&&(m=e[0])}a.pickedLayer&&e+1<o&&(C.add(a.pickedLayer),a.pickedLayer.disablePickingIndex(a.pickedObjectIndex)),x=Tm({pickInfo:a,lastPickedInfo:this.lastPickedInfo,mode:s,layers:p,viewports:n,x:r,y:i,z:m,pixelRatio:f});for(let e of x.values())e.layer&&S.push(e);if(!a.pickedColor)break}for(let e of C)e.restorePickingColors();return{result:S,emptyInfo:x.get(null)}}_pickClosestObject({layers:e,views:t,viewports:n,x:r,y:i,radius:a=0,depth:o=1,mode:s=`query`,unproject3D:c,canvasContext:l=this.device.getDefaultCanvasContext(),onViewportActive:u,effects:d}){let f=l.cssToDeviceRatio(),p=this._getPickable(e);if(!p||n.length===0)return{result:[],emptyInfo:wm({viewports:n,x:r,y:i,pixelRatio:f})};this._resizeBuffer(l);let m=l.cssToDevicePixels([r,i],!0),h=[m.x+Math.floor(m.width/2),m.y+Math.floor(m.height/2)],g=Math.round(a*f),{width:_,height:v}=this.pickingFBO,y=this._getPickingRect({deviceX:h[0],deviceY:h[1],deviceRadius:g,deviceWidth:_,deviceHeight:v}),b={x:r-a,y:i-a,width:a*2+1,height:a*2+1},x,S=[],C=new Set;for(let e=0;e<o;e++){let a;a=y?Sm({...this._drawAndSample({layers:p,views:t,viewports:n,onViewportActive:u,deviceRect:y,cullRect:b,effects:d,pass:`picking:${s}`,canvasContext:l}),deviceX:h[0],deviceY:h[1],deviceRadius:g,deviceRect:y}):{pickedColor:null,pickedObjectIndex:-1};let m,_=this._getDepthLayers(a,p,c);if(_.length>0){let{pickedColors:e}=this._drawAndSample({layers:_,views:t,viewports:n,onViewportActive:u,deviceRect:{x:a.pickedX??h[0],y:a.pickedY??h[1],width:1,height:1},cullRect:b,effects:d,pass:`picking:${s}:z`,canvasContext:l},!0);e[3]&&(m=e[0])}a.pickedLayer&&e+1<o&&(C.add(a.pickedLayer),a.pickedLayer.disablePickingIndex(a.pickedObjectIndex)),x=Tm({pickInfo:a,lastPickedInfo:this.lastPickedInfo,mode:s,layers:p,viewports:n,x:r,y:i,z:m,pixelRatio:f});for(let e of x.values())e.layer&&S.push(e);if(!a.pickedColor)break}for(let e of C)e.restorePickingColors();return{result:S,emptyInfo:x.get(null)}}async _pickVisibleObjectsAsync({layers:e,views:t,viewports:n,x:r,y:i,width:a=1,height:o=1,mode:s=`query`,maxObjects:c=null,canvasContext:l=this.device.getDefaultCanvasContext(),onViewportActive:u,effects:d}){let f=this._getPickable(e);if(!f||n.length===0)return[];this._resizeBuffer(l);let p=l.cssToDeviceRatio(),m=l.cssToDevicePixels([r,i],!0),h=m.x,g=m.y+m.height,_=l.cssToDevicePixels([r+a,i+o],!0),v=_.x+_.width,y=_.y,b={x:h,y,width:v-h,height:g-y},x=Cm(await this._drawAndSampleAsync({layers:f,views:t,viewports:n,onViewportActive:u,deviceRect:b,cullRect:{x:r,y:i,width:a,height:o},effects:d,pass:`picking:${s}`,canvasContext:l})),S=new Map,C=[],w=Number.isFinite(c);for(let e=0;e<x.length&&!(w&&C.length>=c);e++){let t=x[e],n={color:t.pickedColor,layer:null,index:t.pickedObjectIndex,picked:!0,x:r,y:i,pixelRatio:p};n=Em({layer:t.pickedLayer,info:n,mode:s});let a=n.layer.id;S.has(a)||S.set(a,new Set);let o=S.get(a),c=n.object??n.index;o.has(c)||(o.add(c),C.push(n))}return C}_pickVisibleObjects({layers:e,views:t,viewports:n,x:r,y:i,width:a=1,height:o=1,mode:s=`query`,maxObjects:c=null,canvasContext:l=this.device.getDefaultCanvasContext(),onViewportActive:u,effects:d}){let f=this._getPickable(e);if(!f||n.length===0)return[];this._resizeBuffer(l);let p=l.cssToDeviceRatio(),m=l.cssToDevicePixels([r,i],!0),h=m.x,g=m.y+m.height,_=l.cssToDevicePixels([r+a,i+o],!0),v=_.x+_.width,y=_.y,b={x:h,y,width:v-h,height:g-y},x=Cm(this._drawAndSample({layers:f,views:t,viewports:n,onViewportActive:u,deviceRect:b,cullRect:{x:r,y:i,width:a,height:o},effects:d,pass:`picking:${s}`,canvasContext:l})),S=new Map,C=[],w=Number.isFinite(c);for(let e=0;e<x.length&&!(w&&C.length>=c);e++){let t=x[e],n={color:t.pickedColor,layer:null,index:t.pickedObjectIndex,picked:!0,x:r,y:i,pixelRatio:p};n=Em({layer:t.pickedLayer,info:n,mode:s});let a=n.layer.id;S.has(a)||S.set(a,new Set);let o=S.get(a),c=n.object??n.index;o.has(c)||(o.add(c),C.push(n))}return C}async _drawAndSampleAsync({layers:e,views:t,viewports:n,onViewportActive:r,deviceRect:i,cullRect:a,effects:o,pass:s,canvasContext:c},l=!1){let u=l?this.depthFBO:this.pickingFBO,d={layers:e,layerFilter:this.layerFilter,views:t,viewports:n,onViewportActive:r,pickingFBO:u,deviceRect:i,cullRect:a,effects:o,pass:s,canvasContext:c,pickZ:l,preRenderStats:{},isPicking:!0};for(let e of o)e.useInPicking&&(d.preRenderStats[e.id]=e.preRender(d));let{decodePickingColor:f,stats:p}=this.pickLayersPass.render(d);this._updateStats(p);let{x:m,y:h,width:g,height:_}=i,v=u.colorAttachments[0]?.texture;if(!v)throw Error(`Picking framebuffer color attachment is missing`);let y=await this._readTextureDataAsync(v,{x:m,y:h,width:g,height:_},l?Float32Array:Uint8Array);if(!l){let e=!1;for(let t=3;t<y.length;t+=4)if(y[t]!==0){e=!0;break}!e&&y.length>0&&I.warn(`Async pick readback returned only zero alpha values`,{deviceRect:i,bytes:Array.from(y.subarray(0,Math.min(y.length,16)))})()}return{pickedColors:y,decodePickingColor:f}}async _readTextureDataAsync(e,t,n){let{width:r,height:i}=t,a=e.computeMemoryLayout(t),o=this.device.createBuffer({byteLength:a.byteLength,usage:O.COPY_DST|O.MAP_READ});try{e.readBuffer(t,o);let s=await o.readAsync(0,a.byteLength),c=n.BYTES_PER_ELEMENT;if(a.bytesPerRow%c!==0)throw Error(`Texture readback row stride ${a.bytesPerRow} is not aligned to ${c}-byte elements.`);let l=new n(s.buffer,s.byteOffset,a.byteLength/c),u=r*4,d=a.bytesPerRow/c;if(d<u)throw Error(`Texture readback row stride ${d} is smaller than packed row length ${u}.`);let f=new n(r*i*4);for(let e=0;e<i;e++){let t=e*d;f.set(l.subarray(t,t+u),e*u)}return f}finally{o.destroy()}}_drawAndSample({layers:e,views:t,viewports:n,onViewportActive:r,deviceRect:i,cullRect:a,effects:o,pass:s,canvasContext:c},l=!1){let u=l?this.depthFBO:this.pickingFBO,d={layers:e,layerFilter:this.layerFilter,views:t,viewports:n,onViewportActive:r,pickingFBO:u,deviceRect:i,cullRect:a,effects:o,pass:s,canvasContext:c,pickZ:l,preRenderStats:{},isPicking:!0};for(let e of o)e.useInPicking&&(d.preRenderStats[e.id]=e.preRender(d));let{decodePickingColor:f,stats:p}=this.pickLayersPass.render(d);this._updateStats(p);let{x:m,y:h,width:g,height:_}=i,v=new(l?Float32Array:Uint8Array)(g*_*4);return this.device.readPixelsToArrayWebGL(u,{sourceX:m,sourceY:h,sourceWidth:g,sourceHeight:_,target:v}),{pickedColors:v,decodePickingColor:f}}_updateStats(e){if(!this.stats)return;let t=0;for(let{visibleCount:n}of e)t+=n;this.stats.get(`Layers picked`).addCount(t)}_getDepthLayers(e,t,n){if(!n||!this.depthFBO)return[];let{pickedLayer:r}=e,i=r?.state?.terrainDrawMode===`drape`;return r&&!i?[r]:t.filter(e=>e.props.operation.includes(`terrain`))}_getPickingRect({deviceX:e,deviceY:t,deviceRadius:n,deviceWidth:r,deviceHeight:i}){let a=Math.max(0,e-n),o=Math.max(0,t-n),s=Math.min(r,e+n+1)-a,c=Math.min(i,t+n+1)-o;return s<=0||c<=0?null:{x:a,y:o,width:s,height:c}}},km={"top-left":{top:0,left:0},"top-right":{top:0,right:0},"bottom-left":{bottom:0,left:0},"bottom-right":{bottom:0,right:0},fill:{top:0,left:0,bottom:0,right:0}},Am=`top-left`,jm=`root`,Mm=class{constructor({deck:e,parentElement:t}){this.defaultWidgets=[],this.widgets=[],this.resolvedWidgets=[],this.containers={},this.lastViewports={},this.deck=e,t?.classList.add(`deck-widget-container`),this.parentElement=t}getWidgets(){return this.resolvedWidgets}setProps(e){if(e.widgets&&!G(e.widgets,this.widgets,1)){let t=e.widgets.filter(Boolean);this._setWidgets(t)}}finalize(){for(let e of this.getWidgets())this._removeWidget(e);this.defaultWidgets.length=0,this.resolvedWidgets.length=0;for(let e in this.containers)this.containers[e].remove()}addDefault(e){this.defaultWidgets.find(t=>t.id===e.id)||(this._addWidget(e),this.defaultWidgets.push(e),this._setWidgets(this.widgets))}onRedraw({viewports:e,layers:t}){let n=e.reduce((e,t)=>(e[t.id]=t,e),{});for(let r of this.getWidgets()){let{viewId:i}=r;if(i){let e=n[i];e&&(r.onViewportChange&&r.onViewportChange(e),r.onRedraw?.({viewports:[e],layers:t}))}else{if(r.onViewportChange)for(let t of e)r.onViewportChange(t);r.onRedraw?.({viewports:e,layers:t})}}this.lastViewports=n,this._updateContainers()}onHover(e,t){for(let n of this.getWidgets()){let{viewId:r}=n;r&&r!==e.viewport?.id||n.onHover?.(e,t)}}getCanvasBounds(e){let t=(this.deck?.getCanvas?.())?.getBoundingClientRect(),n=this.parentElement?.getBoundingClientRect(),r=this.deck?.getCanvasContext?.(e?.id);if(r&&n){r.updatePosition();let[e,t]=r.getPosition(),[i,a]=r.getCSSSize();return{x:e-n.left,y:t-n.top,width:i,height:a}}return{x:t&&n?t.left-n.left:0,y:t&&n?t.top-n.top:0,width:t?.width||this.deck?.width||0,height:t?.height||this.deck?.height||0}}onEvent(e,t){let n=zl[t.type];if(n)for(let r of this.getWidgets()){let{viewId:i}=r;i&&i!==e.viewport?.id||r[n]?.(e,t)}}_setWidgets(e){let t={};for(let e of this.resolvedWidgets)t[e.id]=e;this.resolvedWidgets.length=0;for(let e of this.defaultWidgets)t[e.id]=null,this.resolvedWidgets.push(e);for(let n of e){let e=t[n.id];e?e.viewId!==n.viewId||e.placement!==n.placement?(this._removeWidget(e),this._addWidget(n)):n!==e&&(e.setProps(n.props),n=e):this._addWidget(n),t[n.id]=null,this.resolvedWidgets.push(n)}for(let e in t){let n=t[e];n&&this._removeWidget(n)}this.widgets=e}_addWidget(e){let{viewId:t=null,placement:n=Am}=e,r=e.props._container??t;e.widgetManager=this,e.deck=this.deck,e.rootElement=e._onAdd({deck:this.deck,viewId:t}),e.rootElement&&this._getContainer(r,n).append(e.rootElement),e.updateHTML()}_removeWidget(e){e.onRemove?.(),e.rootElement&&e.rootElement.remove(),e.rootElement=void 0,e.deck=void 0,e.widgetManager=void 0}_getContainer(e,t){if(e&&typeof e!=`string`)return e;let n=e||jm,r=this.containers[n];r||(r=document.createElement(`div`),r.style.pointerEvents=`none`,r.style.position=`absolute`,r.style.overflow=`hidden`,this.parentElement?.append(r),this.containers[n]=r);let i=r.querySelector(`.${t}`);return i||(i=globalThis.document.createElement(`div`),i.className=t,i.style.position=`absolute`,i.style.zIndex=`2`,Object.assign(i.style,km[t]),r.append(i)),i}_updateContainers(){for(let e in this.containers){let t=this.lastViewports[e]||null,n=e===jm||t,r=this.containers[e];if(n){let e=this._getContainerBounds(t);r.style.display=`block`,r.style.left=`${e.x}px`,r.style.top=`${e.y}px`,r.style.width=`${e.width}px`,r.style.height=`${e.height}px`}else r.style.display=`none`}}_getContainerBounds(e){if(!e)return{x:0,y:0,width:this.parentElement?.clientWidth||this.deck.width,height:this.parentElement?.clientHeight||this.deck.height};let t=this.getCanvasBounds(e);return{x:t.x+e.x,y:t.y+e.y,width:e.width,height:e.height}}};function Nm(e,t){t&&Object.entries(t).map(([t,n])=>{t.startsWith(`--`)?e.style.setProperty(t,n):e.style[t]=n})}function Pm(e,t){t&&Object.keys(t).map(t=>{t.startsWith(`--`)?e.style.removeProperty(t):e.style[t]=``})}var Fm=class{constructor(e){this.viewId=null,this.props={...this.constructor.defaultProps,...e},this.id=this.props.id}setProps(e){let t=this.props,n=this.rootElement;n&&t.className!==e.className&&(t.className&&n.classList.remove(t.className),e.className&&n.classList.add(e.className)),n&&!G(t.style,e.style,1)&&(Pm(n,t.style),Nm(n,e.style)),Object.assign(this.props,e),this.updateHTML()}updateHTML(){this.rootElement&&this.onRenderHTML(this.rootElement)}get viewIds(){return this.viewId?[this.viewId]:this.deck?.getViews().map(e=>e.id)??[]}getViewState(e){return this.deck?.viewManager?.getViewState(e)||{}}setViewState(e,t){this.deck?._onViewStateChange({viewId:e,viewState:t,interactionState:{}})}onCreateRootElement(){let e=[`deck-widget`,this.className,this.props.className],t=document.createElement(`div`);return e.filter(e=>typeof e==`string`&&e.length>0).forEach(e=>t.classList.add(e)),Nm(t,this.props.style),t}_onAdd(e){return this.onAdd(e)??this.onCreateRootElement()}onAdd(e){}onRemove(){}onViewportChange(e){}onRedraw(e){}onHover(e,t){}onClick(e,t){}onDrag(e,t){}onDragStart(e,t){}onDragEnd(e,t){}};Fm.defaultProps={id:`widget`,style:{},_container:null,className:``};var Im={zIndex:`1`,position:`absolute`,pointerEvents:`none`,color:`#a0a7b4`,backgroundColor:`#29323c`,padding:`10px`,top:`0`,left:`0`,display:`none`},Lm=class extends Fm{constructor(e={}){super(e),this.id=`default-tooltip`,this.placement=`fill`,this.className=`deck-tooltip`,this.isVisible=!1,this.setProps(e)}onCreateRootElement(){let e=document.createElement(`div`);return e.className=this.className,Object.assign(e.style,Im),e}onRenderHTML(e){}onViewportChange(e){this.isVisible&&e.id===this.lastViewport?.id&&!e.equals(this.lastViewport)&&this.setTooltip(null),this.lastViewport=e}onHover(e){let{deck:t}=this,n=t&&t.props.getTooltip;if(!n)return;let r=n(e),i=this.widgetManager?.getCanvasBounds(e.viewport),a=e.x+(i?.x||0),o=e.y+(i?.y||0);this.setTooltip(r,a,o)}setTooltip(e,t,n){let r=this.rootElement;if(r){if(typeof e==`string`)r.innerText=e;else if(e)e.text&&(r.innerText=e.text),e.html&&(r.innerHTML=e.html),e.className&&(r.className=e.className);else{this.isVisible=!1,r.style.display=`none`;return}this.isVisible=!0,r.style.display=`block`,r.style.transform=`translate(${t}px, ${n}px)`,e&&typeof e==`object`&&`style`in e&&Object.assign(r.style,e.style)}}};Lm.defaultProps={...Fm.defaultProps};var Rm=class{constructor(e){this.targets={},this.order=[],this.eventManagers={},this._eventRootToCanvasId=new WeakMap,this._createEventManager=e.createEventManager,this._getEventRoot=e.getEventRoot}finalize(){for(let e of Object.values(this.targets))e.eventManager.destroy(),e.presentationContext.destroy();this.targets={},this.order=[],this.eventManagers={},this._eventRootToCanvasId=new WeakMap}syncCanvasEntries(e){let t=this._normalizeCanvasList(e.canvases),n={},r=[],i=new Map;for(let{canvas:e}of t){let t=this._getEventRoot(e);i.set(t,(i.get(t)||0)+1)}for(let{id:a,canvas:o}of t){let t=this._getEventRoot(o),s=i.get(t)===1?t:o,c=this.targets[a];if(!c||c.device!==e.device||c.canvas!==o||c.eventRoot!==s){c?.eventManager.destroy(),c?.presentationContext.destroy();let t=e.device.createPresentationContext({id:a,canvas:o,useDevicePixels:e.useDevicePixels,autoResize:!0});c={id:a,device:e.device,canvas:o,eventRoot:s,presentationContext:t,eventManager:this._createEventManager(s)}}this._eventRootToCanvasId.set(s,a),this._eventRootToCanvasId.set(o,a),n[a]=c,r.push(a)}for(let[e,t]of Object.entries(this.targets))n[e]||(t.eventManager.destroy(),t.presentationContext.destroy());this.targets=n,this.order=r;let a=Object.fromEntries(Object.entries(n).map(([e,t])=>[e,t.eventManager]));this._haveSameEventManagers(a)||(this.eventManagers=a)}getCanvasIdFromEvent(e){return e?this._eventRootToCanvasId.get(e):void 0}getTarget(e){return this.targets[e||this.order[0]||`default-canvas`]||null}_normalizeCanvasList(e=[]){let t=new Set;return e.map((e,n)=>{let r,i;return typeof e==`string`?(r=document.getElementById(e),K(r,`Canvas with id ${e} not found`),i=e):(r=e,i=r.id||`deckgl-canvas-${n}`),K(!t.has(i),`Duplicate canvas id ${i}`),t.add(i),{id:i,canvas:r}})}_haveSameEventManagers(e){let t=Object.keys(e),n=Object.keys(this.eventManagers);return t.length===n.length&&t.every(t=>e[t]===this.eventManagers[t])}},zm={WEBGL_depth_texture:{UNSIGNED_INT_24_8_WEBGL:34042},OES_element_index_uint:{},OES_texture_float:{},OES_texture_half_float:{HALF_FLOAT_OES:5131},EXT_color_buffer_float:{},OES_standard_derivatives:{FRAGMENT_SHADER_DERIVATIVE_HINT_OES:35723},EXT_frag_depth:{},EXT_blend_minmax:{MIN_EXT:32775,MAX_EXT:32776},EXT_shader_texture_lod:{}},Bm=e=>({drawBuffersWEBGL(t){return e.drawBuffers(t)},COLOR_ATTACHMENT0_WEBGL:36064,COLOR_ATTACHMENT1_WEBGL:36065,COLOR_ATTACHMENT2_WEBGL:36066,COLOR_ATTACHMENT3_WEBGL:36067}),Vm=e=>({VERTEX_ARRAY_BINDING_OES:34229,createVertexArrayOES(){return e.createVertexArray()},deleteVertexArrayOES(t){return e.deleteVertexArray(t)},isVertexArrayOES(t){return e.isVertexArray(t)},bindVertexArrayOES(t){return e.bindVertexArray(t)}}),Hm=e=>({VERTEX_ATTRIB_ARRAY_DIVISOR_ANGLE:35070,drawArraysInstancedANGLE(...t){return e.drawArraysInstanced(...t)},drawElementsInstancedANGLE(...t){return e.drawElementsInstanced(...t)},vertexAttribDivisorANGLE(...t){return e.vertexAttribDivisor(...t)}});function Um(e=!0){let t=HTMLCanvasElement.prototype;!e&&t.originalGetContext?(t.getContext=t.originalGetContext,t.originalGetContext=void 0):(t.originalGetContext=t.getContext,t.getContext=function(e,t){if(e===`webgl`||e===`experimental-webgl`){let e=this.originalGetContext(`webgl2`,t);return e instanceof HTMLElement&&Wm(e),e}return this.originalGetContext(e,t)})}function Wm(e){e.getExtension(`EXT_color_buffer_float`);let t={...zm,WEBGL_disjoint_timer_query:e.getExtension(`EXT_disjoint_timer_query_webgl2`),WEBGL_draw_buffers:Bm(e),OES_vertex_array_object:Vm(e),ANGLE_instanced_arrays:Hm(e)},n=e.getExtension.bind(e);e.getExtension=function(e){return n(e)||(e in t?t[e]:null)};let r=e.getSupportedExtensions;e.getSupportedExtensions=function(){return(r.apply(e)||[])?.concat(Object.keys(t))}}var Gm=null,Km=!1;async function qm(){Zm()}function Jm(e,t){return Zm(),e}async function Ym(e){Zm()}function Xm(e){return Gm?.initialize(e)||null}function Zm(){Km||(Km=!0,k.warn(`Import @luma.gl/webgl/debug before enabling WebGL debugging.`)())}var Qm=`modulepreload`,$m=function(e,t){return new URL(e,t).href},eh={},th=function(e){return e.pathname.endsWith(`.css`)},nh=function(e,t,n){if(t in e)return e[t];let r=n();if(!r){e[t]=void 0;return}let i=r.then(()=>{e[t]=void 0},n=>{throw e[t]=void 0,n});return e[t]=i,i},rh=function(e,t,n){let r=Promise.resolve();if(t&&t.length>0){let e,i=document.querySelector(`meta[property=csp-nonce]`),a=i?.nonce||i?.getAttribute(`nonce`);function o(e){return Promise.all(e.map(e=>Promise.resolve(e).then(e=>({status:`fulfilled`,value:e}),e=>({status:`rejected`,reason:e}))))}function s(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}r=o(t.map(t=>{t=$m(t,n);let r=s(t),i=th(r);return nh(eh,r.href,()=>{if(e===void 0){e={all:new Set,styles:new Set};let t=document.getElementsByTagName(`link`);for(let n=t.length-1;n>=0;n--){let r=t[n];e.all.add(r.href),r.rel===`stylesheet`&&e.styles.add(r.href)}}if((i?e.styles:e.all).has(r.href))return;let t=document.createElement(`link`);if(t.rel=i?`stylesheet`:Qm,i||(t.as=`script`),t.crossOrigin=``,t.href=r.href,a&&t.setAttribute(`nonce`,a),document.head.appendChild(t),i)return new Promise((e,n)=>{let i=a=>{t.removeEventListener(`load`,i),t.removeEventListener(`error`,i),a.type===`error`?n(Error(`Unable to preload CSS for ${r}`)):e(a)};t.addEventListener(`load`,i),t.addEventListener(`error`,i)})})}).filter(e=>e!==void 0))}function i(e){let t=new Event(`vite:preloadError`,{cancelable:!0});if(t.payload=e,window.dispatchEvent(t),!t.defaultPrevented)throw e}return r.then(t=>{for(let e of t||[])e.status===`rejected`&&i(e.reason);return e().catch(i)})},ih=1,ah=class extends Ta{type=`webgl`;enforceWebGL2(e){Um(e)}isSupported(){return typeof WebGL2RenderingContext<`u`}isDeviceHandle(e){return typeof WebGL2RenderingContext<`u`&&e instanceof WebGL2RenderingContext||(typeof WebGLRenderingContext<`u`&&e instanceof WebGLRenderingContext&&k.warn(`WebGL1 is not supported`,e)(),!1)}async attach(e,t={}){let{WebGLDevice:n}=await rh(async()=>{let{WebGLDevice:e}=await Promise.resolve().then(()=>sv);return{WebGLDevice:e}},void 0,import.meta.url);if(e instanceof n)return e;let r=n.getDeviceFromContext(e);if(r)return r;if(!oh(e))throw Error(`Invalid WebGL2RenderingContext`);t=ch(t),await lh(t);let i=t.createCanvasContext===!0?{}:t.createCanvasContext;return new n({...t,_handle:e,createCanvasContext:{canvas:e.canvas,autoResize:!1,...i}})}async create(e={}){let{WebGLDevice:t}=await rh(async()=>{let{WebGLDevice:e}=await Promise.resolve().then(()=>sv);return{WebGLDevice:e}},void 0,import.meta.url);e=ch(e),await lh(e);try{let n=new t(e);k.groupCollapsed(ih,`WebGLDevice ${n.id} created`)();let r=`\
${n._reused?`Reusing`:`Created`} device with WebGL2 ${n.props.debug?`debug `:``}context: \
${n.info.vendor}, ${n.info.renderer} for canvas: ${n.canvasContext.id}`;return k.probe(ih,r)(),k.table(ih,n.info)(),n}finally{k.groupEnd(ih)(),k.info(ih,`%cWebGL call tracing: luma.log.set('debug-webgl') `,`color: white; background: blue; padding: 2px 6px; border-radius: 3px;`)()}}};function oh(e){return typeof WebGL2RenderingContext<`u`&&e instanceof WebGL2RenderingContext||!!(e&&typeof e.createVertexArray==`function`)}var sh=new ah;function ch(e){return{...e,debug:e.debug??Ba.defaultProps.debug,debugWebGL:e.debugWebGL??Ba.defaultProps.debugWebGL,debugSpectorJS:e.debugSpectorJS??!!k.get(`debug-spectorjs`)}}async function lh(e){let t=[];(e.debugWebGL||e.debug)&&t.push(qm()),e.debugSpectorJS&&t.push(Ym(e));let n=await Promise.allSettled(t);for(let e of n)e.status===`rejected`&&k.error(`Failed to initialize debug libraries ${e.reason}`)()}var uh={3042:!1,32773:new Float32Array([0,0,0,0]),32777:32774,34877:32774,32969:1,32968:0,32971:1,32970:0,3106:new Float32Array([0,0,0,0]),3107:[!0,!0,!0,!0],2884:!1,2885:1029,2929:!1,2931:1,2932:513,2928:new Float32Array([0,1]),2930:!0,3024:!0,35725:null,36006:null,36007:null,34229:null,34964:null,2886:2305,33170:4352,2849:1,32823:!1,32824:0,10752:0,32926:!1,32928:!1,32938:1,32939:!1,3089:!1,3088:new Int32Array([0,0,1024,1024]),2960:!1,2961:0,2968:4294967295,36005:4294967295,2962:519,2967:0,2963:4294967295,34816:519,36003:0,36004:4294967295,2964:7680,2965:7680,2966:7680,34817:7680,34818:7680,34819:7680,2978:[0,0,1024,1024],36389:null,36662:null,36663:null,35053:null,35055:null,35723:4352,36010:null,35977:!1,3333:4,3317:4,37440:!1,37441:!1,37443:37444,3330:0,3332:0,3331:0,3314:0,32878:0,3316:0,3315:0,32877:0},q=(e,t,n)=>t?e.enable(n):e.disable(n),dh=(e,t,n)=>e.hint(n,t),fh=(e,t,n)=>e.pixelStorei(n,t),ph=(e,t,n)=>{let r=n===36006?36009:36008;return e.bindFramebuffer(r,t)},mh=(e,t,n)=>{let r={34964:34962,36662:36662,36663:36663,35053:35051,35055:35052}[n];e.bindBuffer(r,t)};function hh(e){return Array.isArray(e)||ArrayBuffer.isView(e)&&!(e instanceof DataView)}var gh={3042:q,32773:(e,t)=>e.blendColor(...t),32777:`blendEquation`,34877:`blendEquation`,32969:`blendFunc`,32968:`blendFunc`,32971:`blendFunc`,32970:`blendFunc`,3106:(e,t)=>e.clearColor(...t),3107:(e,t)=>e.colorMask(...t),2884:q,2885:(e,t)=>e.cullFace(t),2929:q,2931:(e,t)=>e.clearDepth(t),2932:(e,t)=>e.depthFunc(t),2928:(e,t)=>e.depthRange(...t),2930:(e,t)=>e.depthMask(t),3024:q,35723:dh,35725:(e,t)=>e.useProgram(t),36007:(e,t)=>e.bindRenderbuffer(36161,t),36389:(e,t)=>e.bindTransformFeedback?.(36386,t),34229:(e,t)=>e.bindVertexArray(t),36006:ph,36010:ph,34964:mh,36662:mh,36663:mh,35053:mh,35055:mh,2886:(e,t)=>e.frontFace(t),33170:dh,2849:(e,t)=>e.lineWidth(t),32823:q,32824:`polygonOffset`,10752:`polygonOffset`,35977:q,32926:q,32928:q,32938:`sampleCoverage`,32939:`sampleCoverage`,3089:q,3088:(e,t)=>e.scissor(...t),2960:q,2961:(e,t)=>e.clearStencil(t),2968:(e,t)=>e.stencilMaskSeparate(1028,t),36005:(e,t)=>e.stencilMaskSeparate(1029,t),2962:`stencilFuncFront`,2967:`stencilFuncFront`,2963:`stencilFuncFront`,34816:`stencilFuncBack`,36003:`stencilFuncBack`,36004:`stencilFuncBack`,2964:`stencilOpFront`,2965:`stencilOpFront`,2966:`stencilOpFront`,34817:`stencilOpBack`,34818:`stencilOpBack`,34819:`stencilOpBack`,2978:(e,t)=>e.viewport(...t),34383:q,10754:q,12288:q,12289:q,12290:q,12291:q,12292:q,12293:q,12294:q,12295:q,3333:fh,3317:fh,37440:fh,37441:fh,37443:fh,3330:fh,3332:fh,3331:fh,3314:fh,32878:fh,3316:fh,3315:fh,32877:fh,framebuffer:(e,t)=>{let n=t&&`handle`in t?t.handle:t;return e.bindFramebuffer(36160,n)},blend:(e,t)=>t?e.enable(3042):e.disable(3042),blendColor:(e,t)=>e.blendColor(...t),blendEquation:(e,t)=>{let n=typeof t==`number`?[t,t]:t;e.blendEquationSeparate(...n)},blendFunc:(e,t)=>{let n=t?.length===2?[...t,...t]:t;e.blendFuncSeparate(...n)},clearColor:(e,t)=>e.clearColor(...t),clearDepth:(e,t)=>e.clearDepth(t),clearStencil:(e,t)=>e.clearStencil(t),colorMask:(e,t)=>e.colorMask(...t),cull:(e,t)=>t?e.enable(2884):e.disable(2884),cullFace:(e,t)=>e.cullFace(t),depthTest:(e,t)=>t?e.enable(2929):e.disable(2929),depthFunc:(e,t)=>e.depthFunc(t),depthMask:(e,t)=>e.depthMask(t),depthRange:(e,t)=>e.depthRange(...t),dither:(e,t)=>t?e.enable(3024):e.disable(3024),derivativeHint:(e,t)=>{e.hint(35723,t)},frontFace:(e,t)=>e.frontFace(t),mipmapHint:(e,t)=>e.hint(33170,t),lineWidth:(e,t)=>e.lineWidth(t),polygonOffsetFill:(e,t)=>t?e.enable(32823):e.disable(32823),polygonOffset:(e,t)=>e.polygonOffset(...t),sampleCoverage:(e,t)=>e.sampleCoverage(t[0],t[1]||!1),scissorTest:(e,t)=>t?e.enable(3089):e.disable(3089),scissor:(e,t)=>e.scissor(...t),stencilTest:(e,t)=>t?e.enable(2960):e.disable(2960),stencilMask:(e,t)=>{t=hh(t)?t:[t,t];let[n,r]=t;e.stencilMaskSeparate(1028,n),e.stencilMaskSeparate(1029,r)},stencilFunc:(e,t)=>{t=hh(t)&&t.length===3?[...t,...t]:t;let[n,r,i,a,o,s]=t;e.stencilFuncSeparate(1028,n,r,i),e.stencilFuncSeparate(1029,a,o,s)},stencilOp:(e,t)=>{t=hh(t)&&t.length===3?[...t,...t]:t;let[n,r,i,a,o,s]=t;e.stencilOpSeparate(1028,n,r,i),e.stencilOpSeparate(1029,a,o,s)},viewport:(e,t)=>e.viewport(...t)};function J(e,t,n){return t[e]===void 0?n[e]:t[e]}var _h={blendEquation:(e,t,n)=>e.blendEquationSeparate(J(32777,t,n),J(34877,t,n)),blendFunc:(e,t,n)=>e.blendFuncSeparate(J(32969,t,n),J(32968,t,n),J(32971,t,n),J(32970,t,n)),polygonOffset:(e,t,n)=>e.polygonOffset(J(32824,t,n),J(10752,t,n)),sampleCoverage:(e,t,n)=>e.sampleCoverage(J(32938,t,n),J(32939,t,n)),stencilFuncFront:(e,t,n)=>e.stencilFuncSeparate(1028,J(2962,t,n),J(2967,t,n),J(2963,t,n)),stencilFuncBack:(e,t,n)=>e.stencilFuncSeparate(1029,J(34816,t,n),J(36003,t,n),J(36004,t,n)),stencilOpFront:(e,t,n)=>e.stencilOpSeparate(1028,J(2964,t,n),J(2965,t,n),J(2966,t,n)),stencilOpBack:(e,t,n)=>e.stencilOpSeparate(1029,J(34817,t,n),J(34818,t,n),J(34819,t,n))},vh={enable:(e,t)=>e({[t]:!0}),disable:(e,t)=>e({[t]:!1}),pixelStorei:(e,t,n)=>e({[t]:n}),hint:(e,t,n)=>e({[t]:n}),useProgram:(e,t)=>e({35725:t}),bindRenderbuffer:(e,t,n)=>e({36007:n}),bindTransformFeedback:(e,t,n)=>e({36389:n}),bindVertexArray:(e,t)=>e({34229:t}),bindFramebuffer:(e,t,n)=>{switch(t){case 36160:return e({36006:n,36010:n});case 36009:return e({36006:n});case 36008:return e({36010:n});default:return null}},bindBuffer:(e,t,n)=>{let r={34962:[34964],36662:[36662],36663:[36663],35051:[35053],35052:[35055]}[t];return r?e({[r]:n}):{valueChanged:!0}},blendColor:(e,t,n,r,i)=>e({32773:new Float32Array([t,n,r,i])}),blendEquation:(e,t)=>e({32777:t,34877:t}),blendEquationSeparate:(e,t,n)=>e({32777:t,34877:n}),blendFunc:(e,t,n)=>e({32969:t,32968:n,32971:t,32970:n}),blendFuncSeparate:(e,t,n,r,i)=>e({32969:t,32968:n,32971:r,32970:i}),clearColor:(e,t,n,r,i)=>e({3106:new Float32Array([t,n,r,i])}),clearDepth:(e,t)=>e({2931:t}),clearStencil:(e,t)=>e({2961:t}),colorMask:(e,t,n,r,i)=>e({3107:[t,n,r,i]}),cullFace:(e,t)=>e({2885:t}),depthFunc:(e,t)=>e({2932:t}),depthRange:(e,t,n)=>e({2928:new Float32Array([t,n])}),depthMask:(e,t)=>e({2930:t}),frontFace:(e,t)=>e({2886:t}),lineWidth:(e,t)=>e({2849:t}),polygonOffset:(e,t,n)=>e({32824:t,10752:n}),sampleCoverage:(e,t,n)=>e({32938:t,32939:n}),scissor:(e,t,n,r,i)=>e({3088:new Int32Array([t,n,r,i])}),stencilMask:(e,t)=>e({2968:t,36005:t}),stencilMaskSeparate:(e,t,n)=>e({[t===1028?2968:36005]:n}),stencilFunc:(e,t,n,r)=>e({2962:t,2967:n,2963:r,34816:t,36003:n,36004:r}),stencilFuncSeparate:(e,t,n,r,i)=>e({[t===1028?2962:34816]:n,[t===1028?2967:36003]:r,[t===1028?2963:36004]:i}),stencilOp:(e,t,n,r)=>e({2964:t,2965:n,2966:r,34817:t,34818:n,34819:r}),stencilOpSeparate:(e,t,n,r,i)=>e({[t===1028?2964:34817]:n,[t===1028?2965:34818]:r,[t===1028?2966:34819]:i}),viewport:(e,t,n,r,i)=>e({2978:[t,n,r,i]})},yh=(e,t)=>e.isEnabled(t),bh={3042:yh,2884:yh,2929:yh,3024:yh,32823:yh,32926:yh,32928:yh,3089:yh,2960:yh,35977:yh},xh=new Set([34016,36388,36387,35983,35368,34965,35739,35738,3074,34853,34854,34855,34856,34857,34858,34859,34860,34861,34862,34863,34864,34865,34866,34867,34868,35097,32873,35869,32874,34068]);function Sh(e,t){if(Th(t))return;let n={};for(let r in t){let i=Number(r),a=gh[r];a&&(typeof a==`string`?n[a]=!0:a(e,t[r],i))}let r=e.lumaState?.cache;if(r)for(let i in n){let n=_h[i];n(e,t,r)}}function Ch(e,t=uh){if(typeof t==`number`){let n=t,r=bh[n];return r?r(e,n):e.getParameter(n)}let n=Array.isArray(t)?t:Object.keys(t),r={};for(let t of n){let n=bh[t];r[t]=n?n(e,Number(t)):e.getParameter(Number(t))}return r}function wh(e){Sh(e,uh)}function Th(e){for(let t in e)return!1;return!0}function Eh(e,t){if(e===t)return!0;if(Dh(e)&&Dh(t)&&e.length===t.length){for(let n=0;n<e.length;++n)if(e[n]!==t[n])return!1;return!0}return!1}function Dh(e){return Array.isArray(e)||ArrayBuffer.isView(e)}var Oh=class{static get(e){return e.lumaState}gl;program=null;stateStack=[];enable=!0;cache=null;log;initialized=!1;constructor(e,t){this.gl=e,this.log=t?.log||(()=>{}),this._updateCache=this._updateCache.bind(this),Object.seal(this)}push(e={}){this.stateStack.push({})}pop(){let e=this.stateStack[this.stateStack.length-1];Sh(this.gl,e),this.stateStack.pop()}trackState(e,t){if(this.cache=t?.copyState?Ch(e):Object.assign({},uh),this.initialized)throw Error(`WebGLStateTracker`);this.initialized=!0,this.gl.lumaState=this,jh(e);for(let t in vh){let n=vh[t];Ah(e,t,n)}kh(e,`getParameter`),kh(e,`isEnabled`)}_updateCache(e){let t=!1,n,r=this.stateStack.length>0?this.stateStack[this.stateStack.length-1]:null;for(let i in e){let a=e[i],o=this.cache[i];Eh(a,o)||(t=!0,n=o,r&&!(i in r)&&(r[i]=o),this.cache[i]=a)}return{valueChanged:t,oldValue:n}}};function kh(e,t){let n=e[t].bind(e);e[t]=function(t){if(t===void 0||xh.has(t))return n(t);let r=Oh.get(e);return t in r.cache||(r.cache[t]=n(t)),r.enable?r.cache[t]:n(t)},Object.defineProperty(e[t],"name",{value:`${t}-from-cache`,configurable:!1})}function Ah(e,t,n){if(!e[t])return;let r=e[t].bind(e);e[t]=function(...t){let{valueChanged:i,oldValue:a}=n(Oh.get(e)._updateCache,...t);return i&&r(...t),a},Object.defineProperty(e[t],"name",{value:`${t}-to-cache`,configurable:!1})}function jh(e){let t=e.useProgram.bind(e);e.useProgram=function(n){let r=Oh.get(e);r.program!==n&&(t(n),r.program=n)}}function Mh(e){let t=e.luma||{_polyfilled:!1,extensions:{},softwareRenderer:!1};return t._polyfilled??=!1,t.extensions||={},e.luma=t,t}function Nh(e,t,n){let r=``,i=e=>{let t=e.statusMessage;t&&(r||=t)};e.addEventListener(`webglcontextcreationerror`,i,!1);let a=n.failIfMajorPerformanceCaveat!==!0,o={preserveDrawingBuffer:!0,...n,failIfMajorPerformanceCaveat:!0},s=null;try{s||=e.getContext(`webgl2`,o),!s&&o.failIfMajorPerformanceCaveat&&(r||="Only software GPU is available. Set `failIfMajorPerformanceCaveat: false` to allow.");let n=!1;if(!s&&a&&(o.failIfMajorPerformanceCaveat=!1,s=e.getContext(`webgl2`,o),n=!0),s||(s=e.getContext(`webgl`,{}),s&&(s=null,r||=`Your browser only supports WebGL1`)),!s)throw r||=`Your browser does not support WebGL`,Error(`Failed to create WebGL context: ${r}`);let i=Mh(s);i.softwareRenderer=n;let{onContextLost:c,onContextRestored:l}=t;return e.addEventListener(`webglcontextlost`,e=>c(e),!1),e.addEventListener(`webglcontextrestored`,e=>l(e),!1),s}finally{e.removeEventListener(`webglcontextcreationerror`,i,!1)}}function Ph(e,t,n){return n[t]===void 0&&(n[t]=e.getExtension(t)||null),n[t]}function Fh(e,t){let n=e.getParameter(7936),r=e.getParameter(7937);Ph(e,`WEBGL_debug_renderer_info`,t);let i=t.WEBGL_debug_renderer_info,a=e.getParameter(i?i.UNMASKED_VENDOR_WEBGL:7936),o=e.getParameter(i?i.UNMASKED_RENDERER_WEBGL:7937),s=a||n,c=o||r,l=e.getParameter(7938),u=Ih(s,c),d=Lh(s,c);return{type:`webgl`,gpu:u,gpuType:Rh(s,c),gpuBackend:d,vendor:s,renderer:c,version:l,shadingLanguage:`glsl`,shadingLanguageVersion:300}}function Ih(e,t){return/NVIDIA/i.exec(e)||/NVIDIA/i.exec(t)?`nvidia`:/INTEL/i.exec(e)||/INTEL/i.exec(t)?`intel`:/Apple/i.exec(e)||/Apple/i.exec(t)?`apple`:/AMD/i.exec(e)||/AMD/i.exec(t)||/ATI/i.exec(e)||/ATI/i.exec(t)?`amd`:/SwiftShader/i.exec(e)||/SwiftShader/i.exec(t)?`software`:`unknown`}function Lh(e,t){return/Metal/i.exec(e)||/Metal/i.exec(t)?`metal`:/ANGLE/i.exec(e)||/ANGLE/i.exec(t)?`opengl`:`unknown`}function Rh(e,t){if(/SwiftShader/i.exec(e)||/SwiftShader/i.exec(t))return`cpu`;switch(Ih(e,t)){case`apple`:return zh(e,t)?`integrated`:`unknown`;case`intel`:return`integrated`;case`software`:return`cpu`;case`unknown`:return`unknown`;default:return`discrete`}}function zh(e,t){return/Apple (M\d|A\d|GPU)/i.test(`${e} ${t}`)}function Bh(e){switch(e){case`uint8`:return 5121;case`sint8`:return 5120;case`unorm8`:return 5121;case`snorm8`:return 5120;case`uint16`:return 5123;case`sint16`:return 5122;case`unorm16`:return 5123;case`snorm16`:return 5122;case`uint32`:return 5125;case`sint32`:return 5124;case`float16`:return 5131;case`float32`:return 5126}throw Error(String(e))}var Vh=`WEBGL_compressed_texture_s3tc`,Hh=`WEBGL_compressed_texture_s3tc_srgb`,Uh=`EXT_texture_compression_rgtc`,Wh=`EXT_texture_compression_bptc`,Gh=`WEBGL_compressed_texture_etc`,Kh=`WEBGL_compressed_texture_astc`,qh=`WEBGL_compressed_texture_etc1`,Jh=`WEBGL_compressed_texture_pvrtc`,Yh=`WEBGL_compressed_texture_atc`,Xh=`EXT_texture_norm16`,Zh=`EXT_render_snorm`,Qh=`EXT_color_buffer_float`,$h=`snorm8-renderable-webgl`,eg=`norm16-renderable-webgl`,tg=`snorm16-renderable-webgl`,ng=`float16-renderable-webgl`,rg=`float32-renderable-webgl`,ig=`rgb9e5ufloat-renderable-webgl`,ag={"float32-renderable-webgl":{extensions:[Qh]},"float16-renderable-webgl":{extensions:[`EXT_color_buffer_half_float`]},"rgb9e5ufloat-renderable-webgl":{extensions:[`WEBGL_render_shared_exponent`]},"snorm8-renderable-webgl":{extensions:[Zh]},"norm16-webgl":{extensions:[Xh]},"norm16-renderable-webgl":{features:[`norm16-webgl`]},"snorm16-renderable-webgl":{features:[`norm16-webgl`],extensions:[Zh]},"float32-filterable":{extensions:[`OES_texture_float_linear`]},"float16-filterable-webgl":{extensions:[`OES_texture_half_float_linear`]},"texture-filterable-anisotropic-webgl":{extensions:[`EXT_texture_filter_anisotropic`]},"texture-blend-float-webgl":{extensions:[`EXT_float_blend`]},"texture-compression-bc":{extensions:[Vh,Hh,Uh,Wh]},"texture-compression-bc5-webgl":{extensions:[Uh]},"texture-compression-bc7-webgl":{extensions:[Wh]},"texture-compression-etc2":{extensions:[Gh]},"texture-compression-astc":{extensions:[Kh]},"texture-compression-etc1-webgl":{extensions:[qh]},"texture-compression-pvrtc-webgl":{extensions:[Jh]},"texture-compression-atc-webgl":{extensions:[Yh]}};function og(e){return e in ag}function sg(e,t,n){return cg(e,t,n,new Set)}function cg(e,t,n,r){let i=ag[t];if(!i||r.has(t))return!1;r.add(t);let a=(i.features||[]).every(t=>cg(e,t,n,r));return r.delete(t),a?(i.extensions||[]).every(t=>!!Ph(e,t,n)):!1}var lg={r8unorm:{gl:33321,rb:!0},r8snorm:{gl:36756,r:$h},r8uint:{gl:33330,rb:!0},r8sint:{gl:33329,rb:!0},rg8unorm:{gl:33323,rb:!0},rg8snorm:{gl:36757,r:$h},rg8uint:{gl:33336,rb:!0},rg8sint:{gl:33335,rb:!0},r16uint:{gl:33332,rb:!0},r16sint:{gl:33331,rb:!0},r16float:{gl:33325,rb:!0,r:ng},r16unorm:{gl:33322,rb:!0,r:eg},r16snorm:{gl:36760,r:tg},"rgba4unorm-webgl":{gl:32854,rb:!0},"rgb565unorm-webgl":{gl:36194,rb:!0},"rgb5a1unorm-webgl":{gl:32855,rb:!0},"rgb8unorm-webgl":{gl:32849},"rgb8snorm-webgl":{gl:36758},rgba8unorm:{gl:32856},"rgba8unorm-srgb":{gl:35907},rgba8snorm:{gl:36759,r:$h},rgba8uint:{gl:36220},rgba8sint:{gl:36238},bgra8unorm:{},"bgra8unorm-srgb":{},rg16uint:{gl:33338},rg16sint:{gl:33337},rg16float:{gl:33327,rb:!0,r:ng},rg16unorm:{gl:33324,r:eg},rg16snorm:{gl:36761,r:tg},r32uint:{gl:33334,rb:!0},r32sint:{gl:33333,rb:!0},r32float:{gl:33326,r:rg},rgb9e5ufloat:{gl:35901,r:ig},rg11b10ufloat:{gl:35898,rb:!0},rgb10a2unorm:{gl:32857,rb:!0},rgb10a2uint:{gl:36975,rb:!0},"rgb16unorm-webgl":{gl:32852,r:!1},"rgb16snorm-webgl":{gl:36762,r:!1},rg32uint:{gl:33340,rb:!0},rg32sint:{gl:33339,rb:!0},rg32float:{gl:33328,rb:!0,r:rg},rgba16uint:{gl:36214,rb:!0},rgba16sint:{gl:36232,rb:!0},rgba16float:{gl:34842,r:ng},rgba16unorm:{gl:32859,rb:!0,r:eg},rgba16snorm:{gl:36763,r:tg},"rgb32float-webgl":{gl:34837,x:Qh,r:rg,dataFormat:6407,types:[5126]},rgba32uint:{gl:36208,rb:!0},rgba32sint:{gl:36226,rb:!0},rgba32float:{gl:34836,rb:!0,r:rg},stencil8:{gl:36168,rb:!0},depth16unorm:{gl:33189,dataFormat:6402,types:[5123],rb:!0},depth24plus:{gl:33190,dataFormat:6402,types:[5125]},depth32float:{gl:36012,dataFormat:6402,types:[5126],rb:!0},"depth24plus-stencil8":{gl:35056,rb:!0,depthTexture:!0,dataFormat:34041,types:[34042]},"depth32float-stencil8":{gl:36013,dataFormat:34041,types:[36269],rb:!0},"bc1-rgb-unorm-webgl":{gl:33776,x:Vh},"bc1-rgb-unorm-srgb-webgl":{gl:35916,x:Hh},"bc1-rgba-unorm":{gl:33777,x:Vh},"bc1-rgba-unorm-srgb":{gl:35916,x:Hh},"bc2-rgba-unorm":{gl:33778,x:Vh},"bc2-rgba-unorm-srgb":{gl:35918,x:Hh},"bc3-rgba-unorm":{gl:33779,x:Vh},"bc3-rgba-unorm-srgb":{gl:35919,x:Hh},"bc4-r-unorm":{gl:36283,x:Uh},"bc4-r-snorm":{gl:36284,x:Uh},"bc5-rg-unorm":{gl:36285,x:Uh},"bc5-rg-snorm":{gl:36286,x:Uh},"bc6h-rgb-ufloat":{gl:36495,x:Wh},"bc6h-rgb-float":{gl:36494,x:Wh},"bc7-rgba-unorm":{gl:36492,x:Wh},"bc7-rgba-unorm-srgb":{gl:36493,x:Wh},"etc2-rgb8unorm":{gl:37492},"etc2-rgb8unorm-srgb":{gl:37494},"etc2-rgb8a1unorm":{gl:37496},"etc2-rgb8a1unorm-srgb":{gl:37497},"etc2-rgba8unorm":{gl:37493},"etc2-rgba8unorm-srgb":{gl:37495},"eac-r11unorm":{gl:37488},"eac-r11snorm":{gl:37489},"eac-rg11unorm":{gl:37490},"eac-rg11snorm":{gl:37491},"astc-4x4-unorm":{gl:37808},"astc-4x4-unorm-srgb":{gl:37840},"astc-5x4-unorm":{gl:37809},"astc-5x4-unorm-srgb":{gl:37841},"astc-5x5-unorm":{gl:37810},"astc-5x5-unorm-srgb":{gl:37842},"astc-6x5-unorm":{gl:37811},"astc-6x5-unorm-srgb":{gl:37843},"astc-6x6-unorm":{gl:37812},"astc-6x6-unorm-srgb":{gl:37844},"astc-8x5-unorm":{gl:37813},"astc-8x5-unorm-srgb":{gl:37845},"astc-8x6-unorm":{gl:37814},"astc-8x6-unorm-srgb":{gl:37846},"astc-8x8-unorm":{gl:37815},"astc-8x8-unorm-srgb":{gl:37847},"astc-10x5-unorm":{gl:37816},"astc-10x5-unorm-srgb":{gl:37848},"astc-10x6-unorm":{gl:37817},"astc-10x6-unorm-srgb":{gl:37849},"astc-10x8-unorm":{gl:37818},"astc-10x8-unorm-srgb":{gl:37850},"astc-10x10-unorm":{gl:37819},"astc-10x10-unorm-srgb":{gl:37851},"astc-12x10-unorm":{gl:37820},"astc-12x10-unorm-srgb":{gl:37852},"astc-12x12-unorm":{gl:37821},"astc-12x12-unorm-srgb":{gl:37853},"pvrtc-rgb4unorm-webgl":{gl:35840},"pvrtc-rgba4unorm-webgl":{gl:35842},"pvrtc-rgb2unorm-webgl":{gl:35841},"pvrtc-rgba2unorm-webgl":{gl:35843},"etc1-rbg-unorm-webgl":{gl:36196},"atc-rgb-unorm-webgl":{gl:35986},"atc-rgba-unorm-webgl":{gl:35986},"atc-rgbai-unorm-webgl":{gl:34798}};function ug(e,t,n){let r=t.create,i=lg[t.format];i?.gl===void 0&&(r=!1),i?.x&&(r&&=!!Ph(e,i.x,n)),t.format===`stencil8`&&(r=!1);let a=i?.r===!1?!1:i?.r===void 0||sg(e,i.r,n),o=r&&t.render&&a&&dg(e,t.format,n);return{format:t.format,create:r&&t.create,render:o,filter:r&&t.filter,blend:r&&t.blend,store:r&&t.store}}function dg(e,t,n){let r=lg[t],i=r?.gl;if(i===void 0||r?.x&&!Ph(e,r.x,n))return!1;let a=e.getParameter(32873),o=e.getParameter(36006),s=e.createTexture(),c=e.createFramebuffer();if(!s||!c)return!1;let l=Number(e.getError());for(;l!==0;)l=e.getError();let u=!1;try{if(e.bindTexture(3553,s),e.texStorage2D(3553,1,i,1,1),Number(e.getError())!==0)return!1;e.bindFramebuffer(36160,c),e.framebufferTexture2D(36160,36064,3553,s,0),u=Number(e.checkFramebufferStatus(36160))===36053&&Number(e.getError())===0}finally{e.bindFramebuffer(36160,o),e.deleteFramebuffer(c),e.bindTexture(3553,a),e.deleteTexture(s)}return u}function fg(e){let t=lg[e],n=hg(e),r=he.getInfo(e);return r.compressed&&(t.dataFormat=n),{internalFormat:n,format:t?.dataFormat||mg(r.channels,r.integer,r.normalized,n),type:r.dataType?Bh(r.dataType):t?.types?.[0]||5121,compressed:r.compressed||!1}}function pg(e){switch(he.getInfo(e).attachment){case`depth`:return 36096;case`stencil`:return 36128;case`depth-stencil`:return 33306;default:throw Error(`Not a depth stencil format: ${e}`)}}function mg(e,t,n,r){if(r===6408||r===6407)return r;switch(e){case`r`:return t&&!n?36244:6403;case`rg`:return t&&!n?33320:33319;case`rgb`:return t&&!n?36248:6407;case`rgba`:return t&&!n?36249:6408;case`bgra`:throw Error(`bgra pixels not supported by WebGL`);default:return 6408}}function hg(e){let t=lg[e]?.gl;if(t===void 0)throw Error(`Unsupported texture format ${e}`);return t}var gg={"depth-clip-control":`EXT_depth_clamp`,"timestamp-query":`EXT_disjoint_timer_query_webgl2`,"compilation-status-async-webgl":`KHR_parallel_shader_compile`,"html-in-canvas":e=>za()&&typeof e.texElementImage2D==`function`,"polygon-mode-webgl":`WEBGL_polygon_mode`,"provoking-vertex-webgl":`WEBGL_provoking_vertex`,"shader-clip-cull-distance-webgl":`WEBGL_clip_cull_distance`,"shader-noperspective-interpolation-webgl":`NV_shader_noperspective_interpolation`,"shader-conservative-depth-webgl":`EXT_conservative_depth`},_g=class extends Ra{gl;extensions;testedFeatures=new Set;constructor(e,t,n){super([],n),this.gl=e,this.extensions=t,Ph(e,`EXT_color_buffer_float`,t)}*[Symbol.iterator](){let e=this.getFeatures();for(let t of e)this.has(t)&&(yield t);return[]}has(e){return!this.disabledFeatures?.[e]&&(this.testedFeatures.has(e)||(this.testedFeatures.add(e),og(e)&&sg(this.gl,e,this.extensions)&&this.features.add(e),this.getWebGLFeature(e)&&this.features.add(e)),this.features.has(e))}initializeFeatures(){let e=this.getFeatures().filter(e=>e!==`polygon-mode-webgl`);for(let t of e)this.has(t)}getFeatures(){return[...Object.keys(gg),...Object.keys(ag)]}getWebGLFeature(e){let t=gg[e];return typeof t==`string`?!!Ph(this.gl,t,this.extensions):typeof t==`function`?t(this.gl):!!t}},vg=class extends Ma{get maxTextureDimension1D(){return 0}get maxTextureDimension2D(){return this.getParameter(3379)}get maxTextureDimension3D(){return this.getParameter(32883)}get maxTextureArrayLayers(){return this.getParameter(35071)}get maxBindGroups(){return 0}get maxBindGroupsPlusVertexBuffers(){return 0}get maxBindingsPerBindGroup(){return 0}get maxDynamicUniformBuffersPerPipelineLayout(){return 0}get maxDynamicStorageBuffersPerPipelineLayout(){return 0}get maxSampledTexturesPerShaderStage(){return this.getParameter(35660)}get maxSamplersPerShaderStage(){return this.getParameter(35661)}get maxStorageBuffersPerShaderStage(){return 0}get maxStorageBuffersInVertexStage(){return 0}get maxStorageBuffersInFragmentStage(){return 0}get maxStorageTexturesPerShaderStage(){return 0}get maxStorageTexturesInVertexStage(){return 0}get maxStorageTexturesInFragmentStage(){return 0}get maxUniformBuffersPerShaderStage(){return this.getParameter(35375)}get maxUniformBufferBindingSize(){return this.getParameter(35376)}get maxStorageBufferBindingSize(){return 0}get maxBufferSize(){return 2**53-1}get minUniformBufferOffsetAlignment(){return this.getParameter(35380)}get minStorageBufferOffsetAlignment(){return 0}get maxVertexBuffers(){return 16}get maxVertexAttributes(){return this.getParameter(34921)}get maxVertexBufferArrayStride(){return 2048}get maxInterStageShaderVariables(){return this.getParameter(35659)}get maxColorAttachments(){return this.getParameter(36063)}get maxColorAttachmentBytesPerSample(){return 0}get maxComputeWorkgroupStorageSize(){return 0}get maxComputeInvocationsPerWorkgroup(){return 0}get maxComputeWorkgroupSizeX(){return 0}get maxComputeWorkgroupSizeY(){return 0}get maxComputeWorkgroupSizeZ(){return 0}get maxComputeWorkgroupsPerDimension(){return 0}gl;limits={};constructor(e){super(),this.gl=e}getParameter(e){return this.limits[e]===void 0&&(this.limits[e]=this.gl.getParameter(e)),this.limits[e]||0}},yg=class extends $a{device;gl;handle;colorAttachments=[];depthStencilAttachment=null;constructor(e,t){super(e,t);let n=t.handle,r=n===null;this.device=e,this.gl=e.gl,this.handle=n||r?n:this.gl.createFramebuffer(),r||(e._setWebGLDebugMetadata(this.handle,this,{spector:this.props}),t.handle||(this.autoCreateAttachmentTextures(),this.updateAttachments()))}destroy(){super.destroy(),!this.destroyed&&this.handle!==null&&!this.props.handle&&this.gl.deleteFramebuffer(this.handle)}updateAttachments(){let e=this.gl.bindFramebuffer(36160,this.handle);for(let e=0;e<this.colorAttachments.length;++e){let t=this.colorAttachments[e];if(t){let n=36064+e;this._attachTextureView(n,t)}}if(this.depthStencilAttachment){let e=pg(this.depthStencilAttachment.props.format);this._attachTextureView(e,this.depthStencilAttachment)}if(this.device.props.debug){let e=this.gl.checkFramebufferStatus(36160);if(e!==36053)throw Error(`Framebuffer ${xg(e)}`)}this.gl.bindFramebuffer(36160,e)}_attachTextureView(e,t){let{gl:n}=this.device,{texture:r}=t,i=t.props.baseMipLevel,a=t.props.baseArrayLayer;switch(n.bindTexture(r.glTarget,r.handle),r.glTarget){case 35866:case 32879:n.framebufferTextureLayer(36160,e,r.handle,i,a);break;case 34067:let t=bg(a);n.framebufferTexture2D(36160,e,t,r.handle,i);break;case 3553:n.framebufferTexture2D(36160,e,3553,r.handle,i);break;default:throw Error(`Illegal texture type`)}n.bindTexture(r.glTarget,null)}resizeAttachments(e,t){this.handle===null?(this.width=e,this.height=t):super.resizeAttachments(e,t)}};function bg(e){return e<34069?e+34069:e}function xg(e){switch(e){case 36053:return`success`;case 36054:return`Mismatched attachments`;case 36055:return`No attachments`;case 36057:return`Height/width mismatch`;case 36061:return`Unsupported or split attachments`;case 36182:return`Samples mismatch`;default:return`${e}`}}var Sg=class extends Xa{device;handle=null;_framebuffer=null;get[Symbol.toStringTag](){return`WebGLCanvasContext`}constructor(e,t){super(t),this.device=e,this._setAutoCreatedCanvasId(`${this.device.id}-canvas`),this._configureDevice()}_configureDevice(){(this.drawingBufferWidth!==this._framebuffer?.width||this.drawingBufferHeight!==this._framebuffer?.height)&&this._framebuffer?.resize([this.drawingBufferWidth,this.drawingBufferHeight])}_getCurrentFramebuffer(){return this._framebuffer||=new yg(this.device,{id:`canvas-context-framebuffer`,handle:null,width:this.drawingBufferWidth,height:this.drawingBufferHeight}),this._framebuffer}},Cg=class extends Za{device;handle=null;context2d;get[Symbol.toStringTag](){return`WebGLPresentationContext`}constructor(e,t={}){super(t),this.device=e;let n=`${this[Symbol.toStringTag]}(${this.id})`;if(!this.device.getDefaultCanvasContext().offscreenCanvas)throw Error(`${n}: WebGL PresentationContext requires the default CanvasContext canvas to be an OffscreenCanvas`);let r=this.canvas.getContext(`2d`);if(!r)throw Error(`${n}: Failed to create 2d presentation context`);this.context2d=r,this._setAutoCreatedCanvasId(`${this.device.id}-presentation-canvas`),this._configureDevice(),this._startObservers()}present(){this._resizeDrawingBufferIfNeeded(),this.device.submit();let e=this.device.getDefaultCanvasContext(),[t,n]=e.getDrawingBufferSize();if(this.drawingBufferWidth!==0&&this.drawingBufferHeight!==0&&t!==0&&n!==0&&e.canvas.width!==0&&e.canvas.height!==0){if(t!==this.drawingBufferWidth||n!==this.drawingBufferHeight||e.canvas.width!==this.drawingBufferWidth||e.canvas.height!==this.drawingBufferHeight)throw Error(`${this[Symbol.toStringTag]}(${this.id}): Default canvas context size ${t}x${n} does not match presentation size ${this.drawingBufferWidth}x${this.drawingBufferHeight}`);this.context2d.clearRect(0,0,this.drawingBufferWidth,this.drawingBufferHeight),this.context2d.drawImage(e.canvas,0,0)}}_configureDevice(){}_getCurrentFramebuffer(e){let t=this.device.getDefaultCanvasContext();return t.setDrawingBufferSize(this.drawingBufferWidth,this.drawingBufferHeight),t.getCurrentFramebuffer(e)}},wg={};function Tg(e=`id`){return wg[e]=wg[e]||1,`${e}-${wg[e]++}`}var Eg=class extends O{device;gl;handle;glTarget;glUsage;glIndexType=5123;byteLength=0;bytesUsed=0;constructor(e,t={}){super(e,t),this.device=e,this.gl=this.device.gl;let n=typeof t==`object`?t.handle:void 0;this.handle=n||this.gl.createBuffer(),e._setWebGLDebugMetadata(this.handle,this,{spector:{...this.props,data:typeof this.props.data}}),this.glTarget=Dg(this.props.usage),this.glUsage=Og(this.props.usage),this.glIndexType=this.props.indexType===`uint32`?5125:5123,t.data?this._initWithData(t.data,t.byteOffset,t.byteLength):this._initWithByteLength(t.byteLength||0)}destroy(){!this.destroyed&&this.handle&&(this.removeStats(),this.props.handle?this.trackDeallocatedReferencedMemory(`Buffer`):(this.trackDeallocatedMemory(),this.gl.deleteBuffer(this.handle)),this.destroyed=!0,this.handle=null)}_initWithData(e,t=0,n=e.byteLength+t){let r=this.glTarget;this.gl.bindBuffer(r,this.handle),this.gl.bufferData(r,n,this.glUsage),this.gl.bufferSubData(r,t,e),this.gl.bindBuffer(r,null),this.bytesUsed=n,this.byteLength=n,this._setDebugData(e,t,n),this.props.handle?this.trackReferencedMemory(n,`Buffer`):this.trackAllocatedMemory(n)}_initWithByteLength(e){let t=e;e===0&&(t=new Float32Array);let n=this.glTarget;return this.gl.bindBuffer(n,this.handle),this.gl.bufferData(n,t,this.glUsage),this.gl.bindBuffer(n,null),this.bytesUsed=e,this.byteLength=e,this._setDebugData(null,0,e),this.props.handle?this.trackReferencedMemory(e,`Buffer`):this.trackAllocatedMemory(e),this}write(e,t=0){let n=ArrayBuffer.isView(e)?e:new Uint8Array(e),r=36663;this.gl.bindBuffer(r,this.handle),this.gl.bufferSubData(r,t,n),this.gl.bindBuffer(r,null),this._setDebugData(e,t,e.byteLength)}async mapAndWriteAsync(e,t=0,n=this.byteLength-t){let r=new ArrayBuffer(n);await e(r,`copied`),this.write(r,t)}async readAsync(e=0,t){return this.readSyncWebGL(e,t)}async mapAndReadAsync(e,t=0,n){return await e((await this.readAsync(t,n)).buffer,`copied`)}readSyncWebGL(e=0,t){t??=this.byteLength-e;let n=new Uint8Array(t);return this.gl.bindBuffer(36662,this.handle),this.gl.getBufferSubData(36662,e,n,0,t),this.gl.bindBuffer(36662,null),this._setDebugData(n,e,t),n}};function Dg(e){return e&O.INDEX?34963:e&O.VERTEX?34962:e&O.UNIFORM?35345:34962}function Og(e){return e&O.INDEX||e&O.VERTEX?35044:e&O.UNIFORM?35048:35044}function kg(e){let t=e.split(/\r?\n/),n=[];for(let e of t){if(e.length<=1)continue;let t=e.trim(),r=e.split(`:`),i=r[0]?.trim();if(r.length===2){let[e,a]=r;if(!e||!a){n.push({message:t,type:Ag(i||`info`),lineNum:0,linePos:0});continue}n.push({message:a.trim(),type:Ag(e),lineNum:0,linePos:0});continue}let[a,o,s,...c]=r;if(!a||!o||!s){n.push({message:r.slice(1).join(`:`).trim()||t,type:Ag(i||`info`),lineNum:0,linePos:0});continue}let l=parseInt(s,10);Number.isNaN(l)&&(l=0);let u=parseInt(o,10);Number.isNaN(u)&&(u=0),n.push({message:c.join(`:`).trim(),type:Ag(a),lineNum:l,linePos:u})}return n}function Ag(e){let t=[`warning`,`error`,`info`],n=e.toLowerCase();return t.includes(n)?n:`info`}var jg=class extends ae{device;handle;_compilationInfoLog=``;constructor(e,t){super(e,t),this.device=e;let n=this.props.handle;switch(this.props.stage){case`vertex`:this.handle=n||this.device.gl.createShader(35633);break;case`fragment`:this.handle=n||this.device.gl.createShader(35632);break;default:throw Error(this.props.stage)}e._setWebGLDebugMetadata(this.handle,this,{spector:this.props});let r=this._compile(this.source);r&&typeof r.catch==`function`&&r.catch(()=>{this.compilationStatus=`error`})}destroy(){this.handle&&(this.removeStats(),this.device.gl.deleteShader(this.handle),this.destroyed=!0,this.handle.destroyed=!0)}get asyncCompilationStatus(){return this._waitForCompilationComplete().then(()=>(this._getCompilationStatus(),this.compilationStatus))}async getCompilationInfo(){return await this._waitForCompilationComplete(),this.getCompilationInfoSync()}getCompilationInfoSync(){let e=this._getCompilationInfoLog();return e?kg(e):[]}getTranslatedSource(){return this.device.getExtension(`WEBGL_debug_shaders`).WEBGL_debug_shaders?.getTranslatedShaderSource(this.handle)||null}_compile(e){e=e.startsWith(`#version `)?e:`#version 300 es\n${e}`;let{gl:t}=this.device;if(t.shaderSource(this.handle,e),t.compileShader(this.handle),!this.device.props.debug)this.compilationStatus=`pending`;else{if(this.device.features.has(`compilation-status-async-webgl`))return k.once(1,`Shader compilation is asynchronous`)(),this._waitForCompilationComplete().then(()=>{k.info(2,`Shader ${this.id} - async compilation complete: ${this.compilationStatus}`)(),this._getCompilationStatus(),this.debugShader()});if(this._getCompilationStatus(),this.debugShader(),this.compilationStatus===`error`)throw Error(this._getCompilationErrorMessage(e))}}async _waitForCompilationComplete(){let e=async e=>await new Promise(t=>setTimeout(t,e));if(!this.device.features.has(`compilation-status-async-webgl`)){await e(10);return}let{gl:t}=this.device;for(;;){if(t.getShaderParameter(this.handle,37297))return;await e(10)}}_getCompilationStatus(){this.compilationStatus=this.device.gl.getShaderParameter(this.handle,35713)?`success`:`error`,this.compilationStatus===`error`&&this._getCompilationInfoLog()}_getCompilationErrorMessage(e){let t=`${this.props.stage} shader ${this.props.id}`,n=Mg(this._getCompilationInfoLog()),r=this.getCompilationInfoSync(),i=r.find(e=>e.type===`error`&&e.message.trim())||r.find(e=>e.message.trim())||r.find(e=>e.type===`error`)||r[0];if(!i)return n?`GLSL compilation errors in ${t}: ${n}`:`GLSL compilation errors in ${t}: WebGL did not provide a shader compiler log`;let a=i.lineNum?e.split(/\r?\n/)[i.lineNum-1]?.trim():void 0,o=i.lineNum?` line ${i.lineNum}`:``,s=a?`\nSource: ${a}`:``;return`GLSL compilation errors in ${t}:${o}: ${i.message.trim()||n||`WebGL did not provide a shader compiler log`}${s}`}_getCompilationInfoLog(){let e=this.device.gl.getShaderInfoLog(this.handle)?.trim();return e&&(this._compilationInfoLog=e),this._compilationInfoLog}};function Mg(e){return e.split(/\r?\n/).find(e=>e.trim())?.trim()}function Ng(e,t,n,r){if(Hg(t))return r(e);let i=e;i.pushState();try{return Pg(e,t),Sh(i.gl,n),r(e)}finally{i.popState()}}function Pg(e,t){let n=e,{gl:r}=n;if(t.cullMode)switch(t.cullMode){case`none`:r.disable(2884);break;case`front`:r.enable(2884),r.cullFace(1028);break;case`back`:r.enable(2884),r.cullFace(1029)}if(t.frontFace&&r.frontFace(Bg(`frontFace`,t.frontFace,{ccw:2305,cw:2304})),t.unclippedDepth&&e.features.has(`depth-clip-control`)&&r.enable(34383),t.depthBias!==void 0&&(r.enable(32823),r.polygonOffset(t.depthBias,t.depthBiasSlopeScale||0)),t.provokingVertex&&e.features.has(`provoking-vertex-webgl`)){let e=n.getExtension(`WEBGL_provoking_vertex`).WEBGL_provoking_vertex,r=Bg(`provokingVertex`,t.provokingVertex,{first:36429,last:36430});e?.provokingVertexWEBGL(r)}if((t.polygonMode||t.polygonOffsetLine)&&e.features.has(`polygon-mode-webgl`)){if(t.polygonMode){let e=n.getExtension(`WEBGL_polygon_mode`).WEBGL_polygon_mode,r=Bg(`polygonMode`,t.polygonMode,{fill:6914,line:6913});e?.polygonModeWEBGL(1028,r),e?.polygonModeWEBGL(1029,r)}t.polygonOffsetLine&&r.enable(10754)}if(e.features.has(`shader-clip-cull-distance-webgl`)&&(t.clipDistance0&&r.enable(12288),t.clipDistance1&&r.enable(12289),t.clipDistance2&&r.enable(12290),t.clipDistance3&&r.enable(12291),t.clipDistance4&&r.enable(12292),t.clipDistance5&&r.enable(12293),t.clipDistance6&&r.enable(12294),t.clipDistance7&&r.enable(12295)),t.depthWriteEnabled!==void 0&&r.depthMask(Vg(`depthWriteEnabled`,t.depthWriteEnabled)),t.depthCompare&&(t.depthCompare===`always`?r.disable(2929):r.enable(2929),r.depthFunc(Fg(`depthCompare`,t.depthCompare))),t.clearDepth!==void 0&&r.clearDepth(t.clearDepth),t.stencilWriteMask){let e=t.stencilWriteMask;r.stencilMaskSeparate(1028,e),r.stencilMaskSeparate(1029,e)}if(t.stencilReadMask&&k.warn(`stencilReadMask not supported under WebGL`),t.stencilCompare){let e=t.stencilReadMask||4294967295,n=Fg(`depthCompare`,t.stencilCompare);t.stencilCompare===`always`?r.disable(2960):r.enable(2960),r.stencilFuncSeparate(1028,n,0,e),r.stencilFuncSeparate(1029,n,0,e)}if(t.stencilPassOperation&&t.stencilFailOperation&&t.stencilDepthFailOperation){let e=Ig(`stencilPassOperation`,t.stencilPassOperation),n=Ig(`stencilFailOperation`,t.stencilFailOperation),i=Ig(`stencilDepthFailOperation`,t.stencilDepthFailOperation);r.stencilOpSeparate(1028,n,i,e),r.stencilOpSeparate(1029,n,i,e)}switch(t.blend){case!0:r.enable(3042);break;case!1:r.disable(3042)}if(t.blendColorOperation||t.blendAlphaOperation){let e=Lg(`blendColorOperation`,t.blendColorOperation||`add`),n=Lg(`blendAlphaOperation`,t.blendAlphaOperation||`add`);r.blendEquationSeparate(e,n);let i=Rg(`blendColorSrcFactor`,t.blendColorSrcFactor||`one`),a=Rg(`blendColorDstFactor`,t.blendColorDstFactor||`zero`),o=Rg(`blendAlphaSrcFactor`,t.blendAlphaSrcFactor||`one`),s=Rg(`blendAlphaDstFactor`,t.blendAlphaDstFactor||`zero`);r.blendFuncSeparate(i,a,o,s)}}function Fg(e,t){return Bg(e,t,{never:512,less:513,equal:514,"less-equal":515,greater:516,"not-equal":517,"greater-equal":518,always:519})}function Ig(e,t){return Bg(e,t,{keep:7680,zero:0,replace:7681,invert:5386,"increment-clamp":7682,"decrement-clamp":7683,"increment-wrap":34055,"decrement-wrap":34056})}function Lg(e,t){return Bg(e,t,{add:32774,subtract:32778,"reverse-subtract":32779,min:32775,max:32776})}function Rg(e,t,n=`color`){return Bg(e,t,{one:1,zero:0,src:768,"one-minus-src":769,dst:774,"one-minus-dst":775,"src-alpha":770,"one-minus-src-alpha":771,"dst-alpha":772,"one-minus-dst-alpha":773,"src-alpha-saturated":776,constant:n===`color`?32769:32771,"one-minus-constant":n===`color`?32770:32772,src1:768,"one-minus-src1":769,"src1-alpha":770,"one-minus-src1-alpha":771})}function zg(e,t){return`Illegal parameter ${t} for ${e}`}function Bg(e,t,n){if(!(t in n))throw Error(zg(e,t));return n[t]}function Vg(e,t){return t}function Hg(e){let t=!0;for(let n in e){t=!1;break}return t}function Ug(e){let t={};return e.addressModeU&&(t[10242]=Wg(e.addressModeU)),e.addressModeV&&(t[10243]=Wg(e.addressModeV)),e.addressModeW&&(t[32882]=Wg(e.addressModeW)),e.magFilter&&(t[10240]=Gg(e.magFilter)),(e.minFilter||e.mipmapFilter)&&(t[10241]=Kg(e.minFilter||`linear`,e.mipmapFilter)),e.lodMinClamp!==void 0&&(t[33082]=e.lodMinClamp),e.lodMaxClamp!==void 0&&(t[33083]=e.lodMaxClamp),e.type===`comparison-sampler`&&(t[34892]=34894),e.compare&&(t[34893]=Fg(`compare`,e.compare)),e.maxAnisotropy&&(t[34046]=e.maxAnisotropy),t}function Wg(e){switch(e){case`clamp-to-edge`:return 33071;case`repeat`:return 10497;case`mirror-repeat`:return 33648}}function Gg(e){switch(e){case`nearest`:return 9728;case`linear`:return 9729}}function Kg(e,t=`none`){if(!t)return Gg(e);switch(t){case`none`:return Gg(e);case`nearest`:switch(e){case`nearest`:return 9984;case`linear`:return 9985}break;case`linear`:switch(e){case`nearest`:return 9986;case`linear`:return 9987}}}var qg=class extends Ce{device;handle;parameters;constructor(e,t){super(e,t),this.device=e,this.parameters=Ug(t),this.handle=t.handle||this.device.gl.createSampler(),this._setSamplerParameters(this.parameters)}destroy(){this.handle&&=(this.device.gl.deleteSampler(this.handle),void 0)}toString(){return`Sampler(${this.id},${JSON.stringify(this.props)})`}_setSamplerParameters(e){for(let[t,n]of Object.entries(e)){let e=Number(t);switch(e){case 33082:case 33083:this.device.gl.samplerParameterf(this.handle,e,n);break;default:this.device.gl.samplerParameteri(this.handle,e,n)}}}};function Jg(e,t,n){if(Yg(t))return n(e);let{nocatch:r=!0}=t,i=Oh.get(e);i.push(),Sh(e,t);let a;if(r)a=n(e),i.pop();else try{a=n(e)}finally{i.pop()}return a}function Yg(e){for(let t in e)return!1;return!0}var Xg=class extends me{device;gl;handle;texture;constructor(e,t){super(e,{...j.defaultProps,...t}),this.device=e,this.gl=this.device.gl,this.handle=null,this.texture=t.texture}};function Zg(e){return Qg[e]}var Qg={5124:`sint32`,5125:`uint32`,5122:`sint16`,5123:`uint16`,5120:`sint8`,5121:`uint8`,5126:`float32`,5131:`float16`,33635:`uint16`,32819:`uint16`,32820:`uint16`,33640:`uint32`,35899:`uint32`,35902:`uint32`,34042:`uint32`,36269:`uint32`},$g=class extends j{device;gl;handle;sampler=void 0;view;glTarget;glFormat;glType;glInternalFormat;compressed;_textureUnit=0;_framebuffer=null;_framebufferAttachmentKey=null;constructor(e,t){super(e,t,{byteAlignment:1}),this.device=e,this.gl=this.device.gl;let n=fg(this.props.format);if(this.glTarget=n_(this.props.dimension),this.glInternalFormat=n.internalFormat,this.glFormat=n.format,this.glType=n.type,this.compressed=n.compressed,this.isHandleBorrowed&&this.props.handle===void 0)throw Error(`Borrowed WebGL textures require a texture handle`);if(this.handle=this.props.handle||this.gl.createTexture(),this.device._setWebGLDebugMetadata(this.handle,this,{spector:this.props}),!this.isHandleBorrowed){this.gl.bindTexture(this.glTarget,this.handle);let{dimension:e,width:n,height:r,depth:i,mipLevels:a,glTarget:o,glInternalFormat:s}=this;if(!this.compressed)switch(e){case`2d`:case`cube`:this.gl.texStorage2D(o,a,s,n,r);break;case`2d-array`:case`3d`:this.gl.texStorage3D(o,a,s,n,r,i);break;default:throw Error(e)}this.gl.bindTexture(this.glTarget,null),this._initializeData(t.data)}this.ownsHandle?this.trackAllocatedMemory(this.getAllocatedByteLength(),`Texture`):this.trackReferencedMemory(this.getAllocatedByteLength(),`Texture`),this.isHandleBorrowed||this.setSampler(this.props.sampler),this.view=new Xg(this.device,{...this.props,texture:this}),Object.seal(this)}destroy(){this.handle&&(this._framebuffer?.destroy(),this._framebuffer=null,this._framebufferAttachmentKey=null,this.removeStats(),this.ownsHandle?(this.gl.deleteTexture(this.handle),this.trackDeallocatedMemory(`Texture`)):this.trackDeallocatedReferencedMemory(`Texture`),this.destroyed=!0)}createView(e){return new Xg(this.device,{...e,texture:this})}clone(e){if(this.isHandleBorrowed&&e&&(e.width!==this.width||e.height!==this.height))throw Error(`Cannot resize borrowed read-only ${this}`);return super.clone(e)}setSampler(e={}){this._assertWritable(`set sampler parameters on`),super.setSampler(e);let t=Ug(this.sampler.props);this._setSamplerParameters(t)}copyExternalImage(e){this._assertWritable(`copy external image data into`);let t=this._normalizeCopyExternalImageOptions(e);if(t.sourceX||t.sourceY)throw Error(`WebGL does not support sourceX/sourceY)`);let{glFormat:n,glType:r}=this,{image:i,depth:a,mipLevel:o,x:s,y:c,z:l,width:u,height:d}=t,f=r_(this.glTarget,this.dimension,l),p=t.flipY?{37440:!0}:{};return this.gl.bindTexture(this.glTarget,this.handle),Jg(this.gl,p,()=>{switch(this.dimension){case`2d`:case`cube`:this.gl.texSubImage2D(f,o,s,c,u,d,n,r,i);break;case`2d-array`:case`3d`:this.gl.texSubImage3D(f,o,s,c,l,u,d,a,n,r,i)}}),this.gl.bindTexture(this.glTarget,null),{width:t.width,height:t.height}}copyElementImage(e){this._assertWritable(`copy element image data into`);let t=this._normalizeCopyElementImageOptions(e),{glFormat:n}=this,{element:r,depth:i,mipLevel:a,sourceX:o,sourceY:s,sourceWidth:c,sourceHeight:l,x:u,y:d,z:f,width:p,height:m}=t,h=r_(this.glTarget,this.dimension,f),g=t.flipY?{37440:!0}:{},_=this.gl;if(i!==1||this.dimension!==`2d`&&this.dimension!==`cube`)throw Error(`${this} copyElementImage only supports 2d and cube textures on WebGL`);if(a!==0||u!==0||d!==0)throw Error(`${this} copyElementImage only supports full base-level uploads on WebGL`);if(typeof _.texElementImage2D!=`function`)throw Error(`${this} copyElementImage is not supported by this WebGL implementation`);return this.gl.bindTexture(this.glTarget,this.handle),Jg(this.gl,g,()=>{_.texElementImage2D?.(h,n,r,{sx:o,sy:s,swidth:c??p,sheight:l??m,width:p,height:m})}),this.gl.bindTexture(this.glTarget,null),{width:t.width,height:t.height}}copyImageData(e){super.copyImageData(e)}readBuffer(e={},t){if(!t)throw Error(`${this} readBuffer requires a destination buffer`);let n=this._getSupportedColorReadOptions(e),r=e.byteOffset??0,i=this.computeMemoryLayout(n);if(t.byteLength<r+i.byteLength)throw Error(`${this} readBuffer target is too small (${t.byteLength} < ${r+i.byteLength})`);let a=t;this.gl.bindBuffer(35051,a.handle);try{this._readColorTextureLayers(n,i,e=>{this.gl.readPixels(n.x,n.y,n.width,n.height,this.glFormat,this.glType,r+e)})}finally{this.gl.bindBuffer(35051,null)}return t}async readDataAsync(e={}){throw Error(`${this} readDataAsync is deprecated; use readBuffer() with an explicit destination buffer or DynamicTexture.readAsync()`)}writeBuffer(e,t={}){this._assertWritable(`write buffer data into`);let n=this._normalizeTextureWriteOptions(t),{width:r,height:i,depthOrArrayLayers:a,mipLevel:o,byteOffset:s,x:c,y:l,z:u}=n,{glFormat:d,glType:f,compressed:p}=this,m=r_(this.glTarget,this.dimension,u);if(p)throw Error(`writeBuffer for compressed textures is not implemented in WebGL`);let{bytesPerPixel:h}=this.device.getTextureFormatInfo(this.format),g=h?n.bytesPerRow/h:void 0,_={3317:this.byteAlignment,...g===void 0?{}:{3314:g},32878:n.rowsPerImage};this.gl.bindTexture(this.glTarget,this.handle),this.gl.bindBuffer(35052,e.handle),Jg(this.gl,_,()=>{switch(this.dimension){case`2d`:case`cube`:this.gl.texSubImage2D(m,o,c,l,r,i,d,f,s);break;case`2d-array`:case`3d`:this.gl.texSubImage3D(m,o,c,l,u,r,i,a,d,f,s)}}),this.gl.bindBuffer(35052,null),this.gl.bindTexture(this.glTarget,null)}writeData(e,t={}){this._assertWritable(`write data into`);let n=this._normalizeTextureWriteOptions(t),r=ArrayBuffer.isView(e)?e:new Uint8Array(e),{width:i,height:a,depthOrArrayLayers:o,mipLevel:s,x:c,y:l,z:u,byteOffset:d}=n,{glFormat:f,glType:p,compressed:m}=this,h=r_(this.glTarget,this.dimension,u),g;if(!m){let{bytesPerPixel:e}=this.device.getTextureFormatInfo(this.format);e&&(g=n.bytesPerRow/e)}let _=this.compressed?{}:{3317:this.byteAlignment,...g===void 0?{}:{3314:g},32878:n.rowsPerImage},v=t_(r,d),y=m?e_(r,d):r,b=this._getMipLevelSize(s),x=c===0&&l===0&&u===0&&i===b.width&&a===b.height&&o===b.depthOrArrayLayers;this.gl.bindTexture(this.glTarget,this.handle),this.gl.bindBuffer(35052,null),Jg(this.gl,_,()=>{switch(this.dimension){case`2d`:case`cube`:m?x?this.gl.compressedTexImage2D(h,s,f,i,a,0,y):this.gl.compressedTexSubImage2D(h,s,c,l,i,a,f,y):this.gl.texSubImage2D(h,s,c,l,i,a,f,p,r,v);break;case`2d-array`:case`3d`:m?x?this.gl.compressedTexImage3D(h,s,f,i,a,o,0,y):this.gl.compressedTexSubImage3D(h,s,c,l,u,i,a,o,f,y):this.gl.texSubImage3D(h,s,c,l,u,i,a,o,f,p,r,v)}}),this.gl.bindTexture(this.glTarget,null)}_getRowByteAlignment(e,t){return 1}_getFramebuffer(){return this._framebuffer||=this.device.createFramebuffer({id:`framebuffer-for-${this.id}`,width:this.width,height:this.height,colorAttachments:[this]}),this._framebuffer}readDataSyncWebGL(e={}){let t=this._getSupportedColorReadOptions(e),n=this.computeMemoryLayout(t),r=Zg(this.glType),i=ie(r),a=new i(n.byteLength/i.BYTES_PER_ELEMENT);return this._readColorTextureLayers(t,n,e=>{let r=new i(a.buffer,a.byteOffset+e,n.bytesPerImage/i.BYTES_PER_ELEMENT);this.gl.readPixels(t.x,t.y,t.width,t.height,this.glFormat,this.glType,r)}),a.buffer}_readColorTextureLayers(e,t,n){let r=this._getFramebuffer(),i=t.bytesPerRow/t.bytesPerPixel,a={3333:this.byteAlignment,...i===e.width?{}:{3330:i}},o=this.gl.getParameter(3074),s=this.gl.bindFramebuffer(36160,r.handle);try{this.gl.readBuffer(36064),Jg(this.gl,a,()=>{for(let i=0;i<e.depthOrArrayLayers;i++)this._attachReadSubresource(r,e.mipLevel,e.z+i),n(i*t.bytesPerImage)})}finally{this.gl.bindFramebuffer(36160,s||null),this.gl.readBuffer(o)}}_attachReadSubresource(e,t,n){let r=`${t}:${n}`;if(this._framebufferAttachmentKey!==r){switch(this.dimension){case`2d`:this.gl.framebufferTexture2D(36160,36064,3553,this.handle,t);break;case`cube`:this.gl.framebufferTexture2D(36160,36064,r_(this.glTarget,this.dimension,n),this.handle,t);break;case`2d-array`:case`3d`:this.gl.framebufferTextureLayer(36160,36064,this.handle,t,n);break;default:throw Error(`${this} color readback does not support ${this.dimension} textures`)}if(this.device.props.debug){let t=Number(this.gl.checkFramebufferStatus(36160));if(t!==36053)throw Error(`${e} incomplete for ${this} readback (${t})`)}this._framebufferAttachmentKey=r}}generateMipmapsWebGL(e){if(this._assertWritable(`generate mipmaps for`),!(!(this.device.isTextureFormatRenderable(this.props.format)&&this.device.isTextureFormatFilterable(this.props.format))&&(k.warn(`${this} is not renderable or filterable, may not be able to generate mipmaps`)(),!e?.force)))try{this.gl.bindTexture(this.glTarget,this.handle),this.gl.generateMipmap(this.glTarget)}catch(e){k.warn(`Error generating mipmap for ${this}: ${e.message}`)()}finally{this.gl.bindTexture(this.glTarget,null)}}_setSamplerParameters(e){k.level>=2&&k.log(2,`${this.id} sampler parameters`,this.device.getGLKeys(e))(),this.gl.bindTexture(this.glTarget,this.handle);for(let[t,n]of Object.entries(e)){let e=Number(t),r=n;switch(e){case 33082:case 33083:this.gl.texParameterf(this.glTarget,e,r);break;case 10240:case 10241:this.gl.texParameteri(this.glTarget,e,r);break;case 10242:case 10243:case 32882:this.gl.texParameteri(this.glTarget,e,r);break;case 34046:this.device.features.has(`texture-filterable-anisotropic-webgl`)&&this.gl.texParameteri(this.glTarget,e,r);break;case 34892:case 34893:this.gl.texParameteri(this.glTarget,e,r)}}this.gl.bindTexture(this.glTarget,null)}_getActiveUnit(){return this.gl.getParameter(34016)-33984}_bind(e){let{gl:t}=this;return e!==void 0&&(this._textureUnit=e,t.activeTexture(33984+e)),t.bindTexture(this.glTarget,this.handle),e}_unbind(e){let{gl:t}=this;return e!==void 0&&(this._textureUnit=e,t.activeTexture(33984+e)),t.bindTexture(this.glTarget,null),e}_assertWritable(e){if(this.isHandleBorrowed)throw Error(`Cannot ${e} borrowed read-only ${this}`)}};function e_(e,t=0){return t?new e.constructor(e.buffer,e.byteOffset+t,(e.byteLength-t)/e.BYTES_PER_ELEMENT):e}function t_(e,t){if(t%e.BYTES_PER_ELEMENT!==0)throw Error(`Texture byteOffset ${t} must align to typed array element size ${e.BYTES_PER_ELEMENT}`);return t/e.BYTES_PER_ELEMENT}function n_(e){switch(e){case`1d`:break;case`2d`:return 3553;case`3d`:return 32879;case`cube`:return 34067;case`2d-array`:return 35866}throw Error(e)}function r_(e,t,n){return t===`cube`?34069+n:e}function i_(e,t,n,r){let i=e,a=r;a===!0&&(a=1),a===!1&&(a=0);let o=typeof a==`number`?[a]:a;switch(n){case 35678:case 35680:case 35679:case 35682:case 36289:case 36292:case 36293:case 36298:case 36299:case 36300:case 36303:case 36306:case 36307:case 36308:case 36311:if(typeof r!=`number`)throw Error(`samplers must be set to integers`);return e.uniform1i(t,r);case 5126:return e.uniform1fv(t,o);case 35664:return e.uniform2fv(t,o);case 35665:return e.uniform3fv(t,o);case 35666:return e.uniform4fv(t,o);case 5124:return e.uniform1iv(t,o);case 35667:return e.uniform2iv(t,o);case 35668:return e.uniform3iv(t,o);case 35669:return e.uniform4iv(t,o);case 35670:return e.uniform1iv(t,o);case 35671:return e.uniform2iv(t,o);case 35672:return e.uniform3iv(t,o);case 35673:return e.uniform4iv(t,o);case 5125:return i.uniform1uiv(t,o,1);case 36294:return i.uniform2uiv(t,o,2);case 36295:return i.uniform3uiv(t,o,3);case 36296:return i.uniform4uiv(t,o,4);case 35674:return e.uniformMatrix2fv(t,!1,o);case 35675:return e.uniformMatrix3fv(t,!1,o);case 35676:return e.uniformMatrix4fv(t,!1,o);case 35685:return i.uniformMatrix2x3fv(t,!1,o);case 35686:return i.uniformMatrix2x4fv(t,!1,o);case 35687:return i.uniformMatrix3x2fv(t,!1,o);case 35688:return i.uniformMatrix3x4fv(t,!1,o);case 35689:return i.uniformMatrix4x2fv(t,!1,o);case 35690:return i.uniformMatrix4x3fv(t,!1,o)}throw Error(`Illegal uniform`)}function a_(e){return d_[e]}function o_(e){return l_[e]}function s_(e){return!!u_[e]}function c_(e){return u_[e]}var l_={5126:`f32`,35664:`vec2<f32>`,35665:`vec3<f32>`,35666:`vec4<f32>`,5124:`i32`,35667:`vec2<i32>`,35668:`vec3<i32>`,35669:`vec4<i32>`,5125:`u32`,36294:`vec2<u32>`,36295:`vec3<u32>`,36296:`vec4<u32>`,35670:`f32`,35671:`vec2<f32>`,35672:`vec3<f32>`,35673:`vec4<f32>`,35674:`mat2x2<f32>`,35685:`mat2x3<f32>`,35686:`mat2x4<f32>`,35687:`mat3x2<f32>`,35675:`mat3x3<f32>`,35688:`mat3x4<f32>`,35689:`mat4x2<f32>`,35690:`mat4x3<f32>`,35676:`mat4x4<f32>`},u_={35678:{viewDimension:`2d`,sampleType:`float`},35680:{viewDimension:`cube`,sampleType:`float`},35679:{viewDimension:`3d`,sampleType:`float`},35682:{viewDimension:`3d`,sampleType:`depth`},36289:{viewDimension:`2d-array`,sampleType:`float`},36292:{viewDimension:`2d-array`,sampleType:`depth`},36293:{viewDimension:`cube`,sampleType:`float`},36298:{viewDimension:`2d`,sampleType:`sint`},36299:{viewDimension:`3d`,sampleType:`sint`},36300:{viewDimension:`cube`,sampleType:`sint`},36303:{viewDimension:`2d-array`,sampleType:`uint`},36306:{viewDimension:`2d`,sampleType:`uint`},36307:{viewDimension:`3d`,sampleType:`uint`},36308:{viewDimension:`cube`,sampleType:`uint`},36311:{viewDimension:`2d-array`,sampleType:`uint`}},d_={uint8:5121,sint8:5120,unorm8:5121,snorm8:5120,uint16:5123,sint16:5122,unorm16:5123,snorm16:5122,uint32:5125,sint32:5124,float16:5131,float32:5126};function f_(e,t,n={}){let r={attributes:[],bindings:[]};r.attributes=p_(e,t);let i=g_(e,t,n);for(let e of i){let t=e.uniforms.map(e=>({name:e.name,format:e.format,byteOffset:e.byteOffset,byteStride:e.byteStride,arrayLength:e.arrayLength}));r.bindings.push({type:`uniform`,name:e.name,group:0,location:e.location,visibility:+!!e.vertex|(e.fragment?2:0),minBindingSize:e.byteLength,uniforms:t})}let a=h_(e,t),o=0;for(let e of a)if(s_(e.type)){let{viewDimension:t,sampleType:n}=c_(e.type);r.bindings.push({type:`texture`,name:e.name,group:0,location:o,viewDimension:t,sampleType:n}),e.textureUnit=o,o+=1}a.length&&(r.uniforms=a);let s=m_(e,t);return s?.length&&(r.varyings=s),r}function p_(e,t){let n=[],r=e.getProgramParameter(t,35721);for(let i=0;i<r;i++){let r=e.getActiveAttrib(t,i);if(!r)throw Error(`activeInfo`);let{name:a,type:o}=r,s=e.getAttribLocation(t,a);if(s>=0){let e=o_(o),t=/instance/i.test(a)?`instance`:`vertex`;n.push({name:a,location:s,stepMode:t,type:e})}}return n.sort((e,t)=>e.location-t.location),n}function m_(e,t){let n=[],r=e.getProgramParameter(t,35971);for(let i=0;i<r;i++){let r=e.getTransformFeedbackVarying(t,i);if(!r)throw Error(`activeInfo`);let{name:a,type:o,size:s}=r,c=o_(o),{type:l,components:u}=oe(c);n.push({location:i,name:a,type:l,size:s*u})}return n.sort((e,t)=>e.location-t.location),n}function h_(e,t){let n=[],r=e.getProgramParameter(t,35718);for(let i=0;i<r;i++){let r=e.getActiveUniform(t,i);if(!r)throw Error(`activeInfo`);let{name:a,size:o,type:s}=r,{name:c,isArray:l}=D_(a),u=e.getUniformLocation(t,c),d={location:u,name:c,size:o,type:s,isArray:l};if(n.push(d),d.size>1)for(let r=0;r<d.size;r++){let i=`${c}[${r}]`;u=e.getUniformLocation(t,i);let a={...d,name:i,location:u};n.push(a)}}return n}function g_(e,t,n){let r=[],i=v_(e,t,n);for(let[n,a]of i){r.push(a);try{__(b_(e,t,n,a.name),a)}catch(e){let t=e instanceof Error?e.message:String(e);k.once(0,`WebGL uniform block reflection failed for "${a.name}"; using supplied std140 metadata. ${t}`)()}}let a=e.getProgramParameter(t,35382);if(!Number.isInteger(a)||a<0)throw Error(`Failed to reflect WebGL uniform blocks: ACTIVE_UNIFORM_BLOCKS returned ${String(a)}`);for(let n=0;n<a;n++)i.has(n)||r.push(b_(e,t,n));return r.sort((e,t)=>e.location-t.location),r}function __(e,t){for(let n of e.uniforms){let e=t.uniforms.find(e=>n.name===e.name||n.name.endsWith(`.${e.name}`));if(!e)throw Error(`Failed to validate WebGL uniform block "${t.name}": reflected unexpected member "${n.name}"`);if(n.format!==e.format||n.arrayLength!==e.arrayLength||n.byteOffset!==e.byteOffset||n.byteStride!==e.byteStride)throw Error(`Failed to validate WebGL uniform block "${t.name}": reflected layout for "${n.name}" does not match supplied std140 metadata`)}}function v_(e,t,n){let r=new Map;for(let e of n.uniformBlockLayouts||[])r.set(e.name,w_(e));for(let e of n.shaderLayout?.bindings||[])E_(e)&&r.set(e.name,e);let i=new Map;for(let n of r.values()){let r=y_(e,t,n.name);if(!r)continue;let{blockIndex:a,blockName:o}=r;if(i.has(a))throw Error(`Multiple supplied uniform block layouts resolve to active WebGL block "${o}"`);i.set(a,{name:o,location:a,byteLength:n.minBindingSize,vertex:!!(n.visibility&&n.visibility&1),fragment:!!(n.visibility&&n.visibility&2),uniformCount:n.uniforms.length,uniforms:n.uniforms.map(e=>({...e}))})}return i}function y_(e,t,n){let r=n.endsWith(`Uniforms`)?[n,n.slice(0,-8)]:[n,`${n}Uniforms`];for(let n of r){let r=e.getUniformBlockIndex(t,n);if(r!==4294967295){if(!Number.isInteger(r)||r<0)throw Error(`Failed to resolve WebGL uniform block "${n}": getUniformBlockIndex returned ${String(r)}`);return{blockIndex:r,blockName:n}}}return null}function b_(e,t,n,r){let i=r||e.getActiveUniformBlockName(t,n);if(!i)throw Error(`Failed to reflect WebGL uniform block at index ${n}: missing block name`);let a=(r,a)=>{let o=e.getActiveUniformBlockParameter(t,n,r);if(o==null)throw Error(`Failed to reflect WebGL uniform block "${i}": ${a} returned null`);return o},o=C_(a(35391,`UNIFORM_BLOCK_BINDING`),i,`UNIFORM_BLOCK_BINDING`,0),s=C_(a(35392,`UNIFORM_BLOCK_DATA_SIZE`),i,`UNIFORM_BLOCK_DATA_SIZE`,0),c=C_(a(35394,`UNIFORM_BLOCK_ACTIVE_UNIFORMS`),i,`UNIFORM_BLOCK_ACTIVE_UNIFORMS`,0),l=S_(a(35395,`UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES`),i,`UNIFORM_BLOCK_ACTIVE_UNIFORM_INDICES`,c),u=x_(e,t,l,35383,`UNIFORM_TYPE`,i,c),d=x_(e,t,l,35384,`UNIFORM_SIZE`,i,c),f=x_(e,t,l,35386,`UNIFORM_BLOCK_INDEX`,i,c),p=x_(e,t,l,35387,`UNIFORM_OFFSET`,i,c),m=x_(e,t,l,35388,`UNIFORM_ARRAY_STRIDE`,i,c),h=[];for(let r=0;r<c;r++){if(f[r]!==n)throw Error(`Failed to reflect WebGL uniform block "${i}": active uniform index ${l[r]} belongs to block ${f[r]}, expected ${n}`);let a=l[r],o=e.getActiveUniform(t,a);if(!o)throw Error(`Failed to reflect WebGL uniform block "${i}": getActiveUniform(${a}) returned null`);let s=C_(u[r],i,`UNIFORM_TYPE[${r}]`,1),c=C_(d[r],i,`UNIFORM_SIZE[${r}]`,1),g=C_(p[r],i,`UNIFORM_OFFSET[${r}]`,0),_=C_(m[r],i,`UNIFORM_ARRAY_STRIDE[${r}]`,0);if(o.type!==s||o.size!==c)throw Error(`Failed to reflect WebGL uniform block "${i}": getActiveUniform(${a}) disagrees with getActiveUniforms`);h.push({name:o.name,format:o_(s),arrayLength:c,byteOffset:g,byteStride:_})}let g={name:i,location:o,byteLength:s,vertex:!!a(35396,`UNIFORM_BLOCK_REFERENCED_BY_VERTEX_SHADER`),fragment:!!a(35398,`UNIFORM_BLOCK_REFERENCED_BY_FRAGMENT_SHADER`),uniformCount:c,uniforms:h},_=new Set(g.uniforms.map(e=>e.name.split(`.`)[0]).filter(e=>!!e)),v=g.name.replace(/Uniforms$/,``);if(_.size===1&&!_.has(g.name)&&!_.has(v)){let[e]=_;k.warn(`Uniform block "${g.name}" uses GLSL instance "${e}". luma.gl binds uniform buffers by block name ("${g.name}") and alias ("${v}"). Prefer matching the instance name to one of those to avoid confusing silent mismatches.`)()}return g}function x_(e,t,n,r,i,a,o){let s=e.getActiveUniforms(t,n,r);if(s===null)throw Error(`Failed to reflect WebGL uniform block "${a}": ${i} returned null`);return S_(s,a,i,o)}function S_(e,t,n,r){if(!Array.isArray(e)&&!ArrayBuffer.isView(e))throw Error(`Failed to reflect WebGL uniform block "${t}": ${n} returned a non-array value`);let i=Array.from(e);if(i.length!==r||i.some(e=>!Number.isInteger(e)))throw Error(`Failed to reflect WebGL uniform block "${t}": ${n} returned ${i.length} invalid values, expected ${r}`);return i}function C_(e,t,n,r){if(!Number.isInteger(e)||e<r)throw Error(`Failed to reflect WebGL uniform block "${t}": ${n} returned ${String(e)}`);return e}function w_(e){let t=ee(e.uniformTypes,{layout:`std140`}),n=T_(e.uniformTypes,t.fields);return{type:`uniform`,name:e.name,group:0,location:0,minBindingSize:t.byteLength,uniforms:n}}function T_(e,t){let n=[],r=(e,a)=>{if(typeof a==`string`){let r=t[e];if(!r)throw Error(`Missing std140 layout field ${e}`);n.push({name:e,format:r.shaderType,arrayLength:1,byteOffset:r.offset*4,byteStride:0})}else if(Array.isArray(a))i(e,a[0],a[1]);else for(let[t,n]of Object.entries(a))r(`${e}.${t}`,n)},i=(e,r,i)=>{if(typeof r==`string`){let r=t[`${e}[0]`],a=i>1?t[`${e}[1]`]:void 0;if(!r)throw Error(`Missing std140 array layout field ${e}[0]`);n.push({name:`${e}[0]`,format:r.shaderType,arrayLength:i,byteOffset:r.offset*4,byteStride:a?(a.offset-r.offset)*4:0})}else{if(Array.isArray(r))throw Error(`Nested uniform arrays are not supported for ${e}`);for(let[a,o]of Object.entries(r)){if(typeof o!=`string`)throw Error(`Composite uniform array members are not supported for ${e}`);let r=`${e}[0].${a}`,s=`${e}[1].${a}`,c=t[r],l=i>1?t[s]:void 0;if(!c)throw Error(`Missing std140 array layout field ${r}`);n.push({name:r,format:c.shaderType,arrayLength:i,byteOffset:c.offset*4,byteStride:l?(l.offset-c.offset)*4:0})}}};for(let[t,n]of Object.entries(e))r(t,n);return n}function E_(e){return e.type===`uniform`&&Number.isInteger(e.minBindingSize)&&e.minBindingSize>=0&&Array.isArray(e.uniforms)&&e.uniforms.every(e=>typeof e.name==`string`&&typeof e.format==`string`&&Number.isInteger(e.arrayLength)&&e.arrayLength>0&&Number.isInteger(e.byteOffset)&&e.byteOffset>=0&&Number.isInteger(e.byteStride)&&e.byteStride>=0)}function D_(e){if(e[e.length-1]!==`]`)return{name:e,length:1,isArray:!1};let t=/([^[]*)(\[[0-9]+\])?/.exec(e);return{name:ne(t?.[1],`Failed to parse GLSL uniform name ${e}`),length:+!!t?.[2],isArray:!!t?.[2]}}var O_=class extends te{device;handle;vs;fs;introspectedLayout;bindings={};uniforms={};varyings=null;_uniformCount=0;_uniformSetters={};get[Symbol.toStringTag](){return`WEBGLRenderPipeline`}constructor(e,t){super(e,t),this.device=e;let n=this.sharedRenderPipeline||this.device._createSharedRenderPipelineWebGL(t);this.sharedRenderPipeline=n,this.handle=n.handle,this.vs=n.vs,this.fs=n.fs,this.linkStatus=n.linkStatus,this.introspectedLayout=f_(this.device.gl,this.handle,{uniformBlockLayouts:t._uniformBlockLayouts,shaderLayout:t.shaderLayout}),this.device._setWebGLDebugMetadata(this.handle,this,{spector:{id:this.props.id}}),this.shaderLayout=t.shaderLayout?k_(this.introspectedLayout,t.shaderLayout):this.introspectedLayout}destroy(){this.destroyed||(this.sharedRenderPipeline&&!this.props._sharedRenderPipeline&&this.sharedRenderPipeline.destroy(),this.destroyResource())}setBindings(e,t){let n=pe(xe(this.shaderLayout,e));for(let[e,r]of Object.entries(n)){let n=A_(this.shaderLayout,e);if(n){switch(r||k.warn(`Unsetting binding "${e}" in render pipeline "${this.id}"`)(),n.type){case`uniform`:if(!(r instanceof Eg)&&!(r.buffer instanceof Eg))throw Error(`buffer value`);break;case`texture`:if(!(r instanceof Xg||r instanceof $g||r instanceof yg))throw Error(`${this} Bad texture binding for ${e}`);break;case`sampler`:k.warn(`Ignoring sampler ${e}`)();break;default:throw Error(n.type)}this.bindings[e]=r}else{let n=this.shaderLayout.bindings.map(e=>`"${e.name}"`).join(`, `);t?.disableWarnings||k.warn(`No binding "${e}" in render pipeline "${this.id}", expected one of ${n}`,r)()}}}draw(e){let t=e.renderPass,n=e.bindGroups?pe(e.bindGroups):e.bindings||this.bindings;return t.setPipeline(this),t.setBindings(n),t.setVertexArray(e.vertexArray),t.draw({parameters:e.parameters,topology:e.topology,isInstanced:e.isInstanced,vertexCount:e.vertexCount,indexCount:e.indexCount,instanceCount:e.instanceCount,firstVertex:e.firstVertex,firstIndex:e.firstIndex,firstInstance:e.firstInstance,baseVertex:e.baseVertex,transformFeedback:e.transformFeedback,uniforms:e.uniforms})}_areTexturesRenderable(e){let t=!0;for(let n of this.shaderLayout.bindings)j_(e,n.name)||(k.warn(`Binding ${n.name} not found in ${this.id}`)(),t=!1);return t}_applyBindings(e,t){if(this._syncLinkStatus(),this.linkStatus!==`success`)return;let{gl:n}=this.device;n.useProgram(this.handle);let r=0,i=0;for(let t of this.shaderLayout.bindings){let a=j_(e,t.name);if(!a)throw Error(`No value for binding ${t.name} in ${this.id}`);switch(t.type){case`uniform`:let{name:e}=t,o=n.getUniformBlockIndex(this.handle,e);if(o===4294967295)throw Error(`Invalid uniform block name ${e}`);if(n.uniformBlockBinding(this.handle,o,i),a instanceof Eg)n.bindBufferBase(35345,i,a.handle);else{let e=a;n.bindBufferRange(35345,i,e.buffer.handle,e.offset||0,e.size||e.buffer.byteLength-(e.offset||0))}i+=1;break;case`texture`:if(!(a instanceof Xg||a instanceof $g||a instanceof yg))throw Error(`texture`);let s;if(a instanceof Xg)s=a.texture;else if(a instanceof $g)s=a;else if(a instanceof yg&&a.colorAttachments[0]instanceof Xg)k.warn(`Passing framebuffer in texture binding may be deprecated. Use fbo.colorAttachments[0] instead`)(),s=a.colorAttachments[0].texture;else throw Error(`No texture`);n.activeTexture(33984+r),n.bindTexture(s.glTarget,s.handle),r+=1;break;case`sampler`:break;case`storage`:case`read-only-storage`:throw Error(`binding type '${t.type}' not supported in WebGL`)}}}_applyUniforms(e){for(let t of this.shaderLayout.uniforms||[]){let{name:n,location:r,type:i,textureUnit:a}=t,o=e[n]??a;o!==void 0&&i_(this.device.gl,r,i,o)}}_syncLinkStatus(){this.linkStatus=this.sharedRenderPipeline.linkStatus}};function k_(e,t){let n={...e,attributes:e.attributes.map(e=>({...e})),bindings:e.bindings.map(e=>({...e}))};for(let e of t?.attributes||[]){let t=n.attributes.find(t=>t.name===e.name);t?(t.type=e.type||t.type,t.stepMode=e.stepMode||t.stepMode):k.warn(`shader layout attribute ${e.name} not present in shader`)}for(let e of t?.bindings||[]){let t=A_(n,e.name);t?Object.assign(t,e):k.warn(`shader layout binding ${e.name} not present in shader`)}return n}function A_(e,t){return e.bindings.find(e=>e.name===t||e.name===`${t}Uniforms`||`${e.name}Uniforms`===t)}function j_(e,t){return e[t]||e[`${t}Uniforms`]||e[t.replace(/Uniforms$/,``)]}var M_=4,N_=class extends eo{device;handle;vs;fs;linkStatus=`pending`;constructor(e,t){super(e,t),this.device=e,this.handle=t.handle||this.device.gl.createProgram(),this.vs=t.vs,this.fs=t.fs,t.varyings&&t.varyings.length>0&&this.device.gl.transformFeedbackVaryings(this.handle,t.varyings,t.bufferMode||35981),this._linkShaders()}destroy(){this.destroyed||(this.device.gl.useProgram(null),this.device.gl.deleteProgram(this.handle),this.handle.destroyed=!0,this.destroyResource())}async _linkShaders(){let{gl:e}=this.device;if(e.attachShader(this.handle,this.vs.handle),e.attachShader(this.handle,this.fs.handle),k.time(M_,`linkProgram for ${this.id}`)(),e.linkProgram(this.handle),k.timeEnd(M_,`linkProgram for ${this.id}`)(),!this.device.features.has(`compilation-status-async-webgl`)){let e=this._getLinkStatus();this._reportLinkStatus(e);return}k.once(1,`RenderPipeline linking is asynchronous`)(),await this._waitForLinkComplete(),k.info(2,`RenderPipeline ${this.id} - async linking complete: ${this.linkStatus}`)();let t=this._getLinkStatus();this._reportLinkStatus(t)}async _reportLinkStatus(e){switch(e){case`success`:return;default:let t=e===`link-error`?`Link error`:`Validation error`;switch(this.vs.compilationStatus){case`error`:throw this.vs.debugShader(),Error(`${this} ${t} during compilation of ${this.vs}`);case`pending`:await this.vs.asyncCompilationStatus,this.vs.debugShader()}switch(this.fs?.compilationStatus){case`error`:throw this.fs.debugShader(),Error(`${this} ${t} during compilation of ${this.fs}`);case`pending`:await this.fs.asyncCompilationStatus,this.fs.debugShader()}let n=this.device.gl.getProgramInfoLog(this.handle);this.device.reportError(Error(`${t} during ${e}: ${n}`),this)(),this.device.debug()}}_getLinkStatus(){let{gl:e}=this.device;return e.getProgramParameter(this.handle,35714)?(this._initializeSamplerUniforms(),e.validateProgram(this.handle),e.getProgramParameter(this.handle,35715)?(this.linkStatus=`success`,`success`):(this.linkStatus=`error`,`validation-error`)):(this.linkStatus=`error`,`link-error`)}_initializeSamplerUniforms(){let{gl:e}=this.device;e.useProgram(this.handle);let t=0,n=e.getProgramParameter(this.handle,35718);for(let r=0;r<n;r++){let n=e.getActiveUniform(this.handle,r);if(n&&s_(n.type)){let r=n.name.endsWith(`[0]`),i=r?n.name.slice(0,-3):n.name,a=e.getUniformLocation(this.handle,i);a!==null&&(t=this._assignSamplerUniform(a,n,r,t))}}}_assignSamplerUniform(e,t,n,r){let{gl:i}=this.device;if(n&&t.size>1){let n=Int32Array.from({length:t.size},(e,t)=>r+t);return i.uniform1iv(e,n),r+t.size}return i.uniform1i(e,r),r+1}async _waitForLinkComplete(){let e=async e=>await new Promise(t=>setTimeout(t,e));if(!this.device.features.has(`compilation-status-async-webgl`)){await e(10);return}let{gl:t}=this.device;for(;;){if(t.getProgramParameter(this.handle,37297))return;await e(10)}}},P_=class extends ro{device;handle=null;commands=[];constructor(e,t={}){super(e,t),this.device=e}_executeCommands(e=this.commands){for(let t of e)switch(t.name){case`copy-buffer-to-buffer`:F_(this.device,t.options);break;case`copy-buffer-to-texture`:I_(this.device,t.options);break;case`copy-texture-to-buffer`:L_(this.device,t.options);break;case`copy-texture-to-texture`:R_(this.device,t.options);break;default:throw Error(t.name)}}};function F_(e,t){let n=t.sourceBuffer,r=t.destinationBuffer;e.gl.bindBuffer(36662,n.handle),e.gl.bindBuffer(36663,r.handle),e.gl.copyBufferSubData(36662,36663,t.sourceOffset??0,t.destinationOffset??0,t.size),e.gl.bindBuffer(36662,null),e.gl.bindBuffer(36663,null)}function I_(e,t){let{sourceBuffer:n,byteOffset:r=0,destinationTexture:i,mipLevel:a=0,origin:o=[0,0,0],aspect:s=`all`,bytesPerRow:c,rowsPerImage:l,size:u}=t;if(s!==`all`)throw Error(`copyBufferToTexture aspect is not supported in WebGL`);i.writeBuffer(n,{byteOffset:r,bytesPerRow:c,rowsPerImage:l,mipLevel:a,x:o[0]??0,y:o[1]??0,z:o[2]??0,width:u[0],height:u[1],depthOrArrayLayers:u[2]})}function L_(e,t){let{sourceTexture:n,mipLevel:r=0,aspect:i=`all`,width:a=t.sourceTexture.width,height:o=t.sourceTexture.height,depthOrArrayLayers:s,origin:c=[0,0,0],destinationBuffer:l,byteOffset:u=0,bytesPerRow:d,rowsPerImage:f}=t;if(n instanceof j){n.readBuffer({x:c[0]??0,y:c[1]??0,z:c[2]??0,width:a,height:o,depthOrArrayLayers:s,mipLevel:r,aspect:i,byteOffset:u},l);return}if(i!==`all`)throw Error(`aspect not supported in WebGL`);if(r!==0||s!==void 0||d||f)throw Error(`not implemented`);let{framebuffer:p,destroyFramebuffer:m}=z_(n),h;try{let t=l,n=a||p.width,r=o||p.height,i=fg(ne(p.colorAttachments[0]).texture.props.format),s=i.format,d=i.type;e.gl.bindBuffer(35051,t.handle),h=e.gl.bindFramebuffer(36160,p.handle),e.gl.readPixels(c[0],c[1],n,r,s,d,u)}finally{e.gl.bindBuffer(35051,null),h!==void 0&&e.gl.bindFramebuffer(36160,h),m&&p.destroy()}}function R_(e,t){let{sourceTexture:n,destinationMipLevel:r=0,origin:i=[0,0],destinationOrigin:a=[0,0,0],destinationTexture:o}=t,{width:s=t.destinationTexture.width,height:c=t.destinationTexture.height}=t,{framebuffer:l,destroyFramebuffer:u}=z_(n),[d=0,f=0]=i,[p,m,h]=a,g=e.gl.bindFramebuffer(36160,l.handle),_,v;if(o instanceof $g)_=o,s=Number.isFinite(s)?s:_.width,c=Number.isFinite(c)?c:_.height,_._bind(0),v=_.glTarget;else throw Error(`invalid destination`);switch(v){case 3553:case 34067:e.gl.copyTexSubImage2D(v,r,p,m,d,f,s,c);break;case 35866:case 32879:e.gl.copyTexSubImage3D(v,r,p,m,h,d,f,s,c)}_&&_._unbind(),e.gl.bindFramebuffer(36160,g),u&&l.destroy()}function z_(e){if(e instanceof j){let{width:t,height:n,id:r}=e;return{framebuffer:e.device.createFramebuffer({id:`framebuffer-for-${r}`,width:t,height:n,colorAttachments:[e]}),destroyFramebuffer:!0}}return{framebuffer:e,destroyFramebuffer:!1}}function B_(e){switch(e){case`point-list`:return 0;case`line-list`:return 1;case`line-strip`:return 3;case`triangle-list`:return 4;case`triangle-strip`:return 5;default:throw Error(e)}}function V_(e){switch(e){case`point-list`:return 0;case`line-list`:return 1;case`line-strip`:return 1;case`triangle-list`:return 4;case`triangle-strip`:return 4;default:throw Error(e)}}var H_=[1,2,4,8],U_=class extends to{device;handle=null;glParameters={};pipeline=null;bindings={};bindingsPipeline=null;vertexArray=null;constructor(e,t){super(e,t),this.device=e;let n=this.props.framebuffer,r=!n||n.handle===null;r&&e.getDefaultCanvasContext()._resizeDrawingBufferIfNeeded();let i;if(!t?.parameters?.viewport){if(!r&&n){let{width:e,height:t}=n;i=[0,0,e,t]}else{let[t,n]=e.getDefaultCanvasContext().getDrawingBufferSize();i=[0,0,t,n]}}if(this.device.pushState(),this.setParameters({viewport:i,...this.props.parameters}),!r&&n?.colorAttachments.length){let e=n.colorAttachments.map((e,t)=>36064+t);this.device.gl.drawBuffers(e)}else r&&this.device.gl.drawBuffers([1029]);this.clear(),this.props.timestampQuerySet&&this.props.beginTimestampIndex!==void 0&&this.props.timestampQuerySet.writeTimestamp(this.props.beginTimestampIndex)}end(){this.destroyed||(this.props.timestampQuerySet&&this.props.endTimestampIndex!==void 0&&this.props.timestampQuerySet.writeTimestamp(this.props.endTimestampIndex),this.device.popState(),this.destroy())}pushDebugGroup(e){}popDebugGroup(){}insertDebugMarker(e){}executeBundles(e){throw Error(`Render bundles are only supported in WebGPU`)}setParameters(e={}){let t={...this.glParameters};t.framebuffer=this.props.framebuffer||null,this.props.depthReadOnly&&(t.depthMask=!this.props.depthReadOnly),t.stencilMask=+!this.props.stencilReadOnly,t[35977]=this.props.discard,e.viewport&&(e.viewport.length>=6?(t.viewport=e.viewport.slice(0,4),t.depthRange=[e.viewport[4],e.viewport[5]]):t.viewport=e.viewport),e.scissorRect&&(t.scissorTest=!0,t.scissor=e.scissorRect),e.blendConstant&&(t.blendColor=e.blendConstant),e.stencilReference!==void 0&&(t[2967]=e.stencilReference,t[36003]=e.stencilReference),`colorMask`in e&&(t.colorMask=H_.map(t=>!!(t&e.colorMask))),this.glParameters=t,Sh(this.device.gl,t)}setPipeline(e){this.pipeline=e}setBindings(e,t){if(!this.pipeline)throw Error(`RenderPass.setPipeline() must be called before setBindings()`);this.bindings=pe(xe(this.pipeline.shaderLayout,e)),this.bindingsPipeline=this.pipeline}setVertexArray(e){this.vertexArray=e}draw(e){let t=this.pipeline,n=this.vertexArray;if(!t)throw Error(`RenderPass.setPipeline() must be called before draw()`);if(!n)throw Error(`RenderPass.setVertexArray() must be called before draw()`);if(t.shaderLayout.bindings.length>0&&this.bindingsPipeline!==t)throw Error(`RenderPass.setBindings() must be called after setPipeline() before draw()`);t._syncLinkStatus();let{parameters:r=t.props.parameters,topology:i=t.props.topology,vertexCount:a,indexCount:o,instanceCount:s,isInstanced:c=!1,firstVertex:l=0,transformFeedback:u,uniforms:d=t.uniforms}=e,f=B_(i),p=!!n.indexBuffer,m=n.indexBuffer?.glIndexType,h=o??a??0;if(t.linkStatus!==`success`)return k.info(2,`RenderPipeline:${t.id}.draw() aborted - waiting for shader linking`)(),!1;if(!t._areTexturesRenderable(this.bindings))return k.info(2,`RenderPipeline:${t.id}.draw() aborted - textures not yet loaded`)(),!1;this.device.gl.useProgram(t.handle),n.bindBeforeRender(this);let g=u;return g&&g.begin(t.props.topology),t._applyBindings(this.bindings,{disableWarnings:t.props.disableWarnings}),t._applyUniforms(d),Ng(this.device,r,this.glParameters,()=>{p&&c?this.device.gl.drawElementsInstanced(f,h,m,l,s||0):p?this.device.gl.drawElements(f,h,m,l):c?this.device.gl.drawArraysInstanced(f,l,a||0,s||0):this.device.gl.drawArrays(f,l,a||0),g&&g.end()}),n.unbindAfterRender(this),!0}drawIndirect(e,t=0){throw Error(`Indirect drawing is only supported in WebGPU`)}drawIndexedIndirect(e,t=0){throw Error(`Indirect drawing is only supported in WebGPU`)}beginOcclusionQuery(e){this.props.occlusionQuerySet?.beginOcclusionQuery()}endOcclusionQuery(){this.props.occlusionQuerySet?.endOcclusionQuery()}clear(){let e={...this.glParameters},t=0;this.props.clearColors&&this.props.clearColors.forEach((e,t)=>{e&&this.clearColorBuffer(t,e)}),this.props.clearColor!==!1&&this.props.clearColors===void 0&&(t|=16384,e.clearColor=this.props.clearColor),this.props.clearDepth!==!1&&(t|=256,e.clearDepth=this.props.clearDepth),this.props.clearStencil!==!1&&(t|=1024,e.clearStencil=this.props.clearStencil),t!==0&&Jg(this.device.gl,e,()=>{this.device.gl.clear(t)})}clearColorBuffer(e=0,t=[0,0,0,0]){Jg(this.device.gl,{framebuffer:this.props.framebuffer},()=>{switch(t.constructor){case Int8Array:case Int16Array:case Int32Array:this.device.gl.clearBufferiv(6144,e,t);break;case Uint8Array:case Uint8ClampedArray:case Uint16Array:case Uint32Array:this.device.gl.clearBufferuiv(6144,e,t);break;case Float32Array:this.device.gl.clearBufferfv(6144,e,t);break;default:throw Error(`clearColorBuffer: color must be typed array`)}})}},W_=class extends no{device;handle=null;commandBuffer;constructor(e,t){super(e,t),this.device=e,this.commandBuffer=new P_(e,{id:this.id,userData:this.userData})}destroy(){this.destroyResource()}finish(){return this.destroy(),this.commandBuffer}beginRenderPass(e={}){return new U_(this.device,this._applyTimeProfilingToPassProps(e))}beginComputePass(e={}){throw Error(`ComputePass not supported in WebGL`)}copyBufferToBuffer(e){this.commandBuffer.commands.push({name:`copy-buffer-to-buffer`,options:e})}copyBufferToTexture(e){this.commandBuffer.commands.push({name:`copy-buffer-to-texture`,options:e})}copyTextureToBuffer(e){this.commandBuffer.commands.push({name:`copy-texture-to-buffer`,options:e})}copyTextureToTexture(e){this.commandBuffer.commands.push({name:`copy-texture-to-texture`,options:e})}pushDebugGroup(e){}popDebugGroup(){}insertDebugMarker(e){}resolveQuerySet(e,t,n){throw Error(`resolveQuerySet is not supported in WebGL`)}writeTimestamp(e,t){e.writeTimestamp(t)}};function G_(e){let{target:t,source:n,start:r=0,count:i=1}=e,a=n.length,o=i*a,s=0;for(let e=r;s<a;s++)t[e++]=n[s]??0;for(;s<o;)s<o-s?(t.copyWithin(r+s,r,r+s),s*=2):(t.copyWithin(r+s,r,r+o-s),s=o);return e.target}var K_=class e extends io{get[Symbol.toStringTag](){return`VertexArray`}device;handle;attributeInfosByLocation;buffer=null;bufferValue=null;static isConstantAttributeZeroSupported(e){return Pt()===`Chrome`}constructor(e,t){super(e,t),this.device=e,this.handle=this.device.gl.createVertexArray(),this.attributeInfosByLocation=Array(this.maxVertexAttributes).fill(null);for(let e of Object.values(Se(t.shaderLayout,t.bufferLayout)))this.attributeInfosByLocation[e.location]=e}destroy(){super.destroy(),this.buffer&&this.buffer?.destroy(),this.handle&&=(this.device.gl.deleteVertexArray(this.handle),void 0)}setIndexBuffer(e){let t=e;if(t&&t.glTarget!==34963)throw Error(`Use .setBuffer()`);this.device.gl.bindVertexArray(this.handle),this.device.gl.bindBuffer(34963,t?t.handle:null),this.indexBuffer=t,this.device.gl.bindVertexArray(null)}setBuffer(e,t){let n=t;if(n.glTarget===34963)throw Error(`Use .setIndexBuffer()`);let{size:r,type:i,stride:a,offset:o,normalized:s,integer:c,divisor:l}=this._getAccessor(e);this.device.gl.bindVertexArray(this.handle),this.device.gl.bindBuffer(34962,n.handle),c?this.device.gl.vertexAttribIPointer(e,r,i,a,o):this.device.gl.vertexAttribPointer(e,r,i,s,a,o),this.device.gl.bindBuffer(34962,null),this.device.gl.enableVertexAttribArray(e),this.device.gl.vertexAttribDivisor(e,l||0),this.attributes[e]=n,this.device.gl.bindVertexArray(null)}setConstantWebGL(e,t){this._enable(e,!1),this.attributes[e]=t}bindBeforeRender(){this.device.gl.bindVertexArray(this.handle),this._applyConstantAttributes()}unbindAfterRender(){this.device.gl.bindVertexArray(null)}_applyConstantAttributes(){for(let e=0;e<this.maxVertexAttributes;++e){let t=this.attributes[e];ArrayBuffer.isView(t)&&this.device.setConstantAttributeWebGL(e,t)}}_getAccessor(e){let t=this.attributeInfosByLocation[e];if(!t)throw Error(`Unknown attribute location ${e}`);let n=Bh(t.bufferDataType);return{size:t.bufferComponents,type:n,stride:t.byteStride,offset:t.byteOffset,normalized:t.normalized,integer:t.integer,divisor:+(t.stepMode===`instance`)}}_enable(t,n=!0){let r=e.isConstantAttributeZeroSupported(this.device)||t!==0;(n||r)&&(t=Number(t),this.device.gl.bindVertexArray(this.handle),n?this.device.gl.enableVertexAttribArray(t):this.device.gl.disableVertexAttribArray(t),this.device.gl.bindVertexArray(null))}getConstantBuffer(e,t){let n=q_(t),r=n.byteLength*e,i=n.length*e;if(this.buffer&&r!==this.buffer.byteLength)throw Error(`Buffer size is immutable, byte length ${r} !== ${this.buffer.byteLength}.`);let a=!this.buffer;if(this.buffer=this.buffer||this.device.createBuffer({byteLength:r}),a||=!J_(n,this.bufferValue),a){let e=ce(t.constructor,i);G_({target:e,source:n,start:0,count:i}),this.buffer.write(e),this.bufferValue=t}return this.buffer}};function q_(e){return Array.isArray(e)?new Float32Array(e):e}function J_(e,t){if(!e||!t||e.length!==t.length||e.constructor!==t.constructor)return!1;for(let n=0;n<e.length;++n)if(e[n]!==t[n])return!1;return!0}var Y_=class extends ao{device;gl;handle;layout;buffers={};unusedBuffers={};bindOnUse=!0;_bound=!1;constructor(e,t){super(e,t),this.device=e,this.gl=e.gl,this.handle=this.props.handle||this.gl.createTransformFeedback(),this.layout=this.props.layout,t.buffers&&this.setBuffers(t.buffers),Object.seal(this)}destroy(){this.gl.deleteTransformFeedback(this.handle),super.destroy()}begin(e=`point-list`){this.gl.bindTransformFeedback(36386,this.handle),this.bindOnUse&&this._bindBuffers(),this.gl.beginTransformFeedback(V_(e))}end(){this.gl.endTransformFeedback(),this.bindOnUse&&this._unbindBuffers(),this.gl.bindTransformFeedback(36386,null)}setBuffers(e){this.buffers={},this.unusedBuffers={},this.bind(()=>{for(let[t,n]of Object.entries(e))this.setBuffer(t,n)})}setBuffer(e,t){let n=this._getVaryingIndex(e),{buffer:r,byteLength:i,byteOffset:a}=this._getBufferRange(t);n<0?(this.unusedBuffers[e]=r,k.warn(`${this.id} unusedBuffers varying buffer ${e}`)()):(this.buffers[n]={buffer:r,byteLength:i,byteOffset:a},this.bindOnUse||this._bindBuffer(n,r,a,i))}getBuffer(e){if(X_(e))return this.buffers[e]||null;let t=this._getVaryingIndex(e);return this.buffers[t]??null}bind(e=this.handle){if(typeof e!=`function`)return this.gl.bindTransformFeedback(36386,e),this;let t;return this._bound?t=e():(this.gl.bindTransformFeedback(36386,this.handle),this._bound=!0,t=e(),this._bound=!1,this.gl.bindTransformFeedback(36386,null)),t}unbind(){this.bind(null)}_getBufferRange(e){if(e instanceof Eg)return{buffer:e,byteOffset:0,byteLength:e.byteLength};let{buffer:t,byteOffset:n=0,byteLength:r=e.buffer.byteLength}=e;return{buffer:t,byteOffset:n,byteLength:r}}_getVaryingIndex(e){if(X_(e))return Number(e);for(let t of this.layout.varyings||[])if(e===t.name)return t.location;return-1}_bindBuffers(){for(let[e,t]of Object.entries(this.buffers)){let{buffer:n,byteLength:r,byteOffset:i}=this._getBufferRange(t);this._bindBuffer(Number(e),n,i,r)}}_unbindBuffers(){for(let e in this.buffers)this.gl.bindBufferBase(35982,Number(e),null)}_bindBuffer(e,t,n=0,r){let i=t&&t.handle;!i||r===void 0?this.gl.bindBufferBase(35982,e,i):this.gl.bindBufferRange(35982,e,i,n,r)}};function X_(e){return typeof e==`number`?Number.isInteger(e):/^\d+$/.test(e)}var Z_=class extends oo{device;handle;_timestampPairs=[];_pendingReads=new Set;_occlusionQuery=null;_occlusionActive=!1;get[Symbol.toStringTag](){return`QuerySet`}constructor(e,t){if(super(e,t),this.device=e,t.type===`timestamp`){if(t.count<2)throw Error(`Timestamp QuerySet requires at least two query slots`);this._timestampPairs=Array(Math.ceil(t.count/2)).fill(null).map(()=>({activeQuery:null,completedQueries:[]})),this.handle=null}else{if(t.count>1)throw Error(`WebGL occlusion QuerySet can only have one value`);let e=this.device.gl.createQuery();if(!e)throw Error(`WebGL query not supported`);this.handle=e}Object.seal(this)}destroy(){if(!this.destroyed){this.handle&&this.device.gl.deleteQuery(this.handle);for(let e of this._timestampPairs){e.activeQuery&&(this._cancelPendingQuery(e.activeQuery),this.device.gl.deleteQuery(e.activeQuery.handle));for(let t of e.completedQueries)this._cancelPendingQuery(t),this.device.gl.deleteQuery(t.handle)}this._occlusionQuery&&(this._cancelPendingQuery(this._occlusionQuery),this.device.gl.deleteQuery(this._occlusionQuery.handle));for(let e of Array.from(this._pendingReads))this._cancelPendingQuery(e);this.destroyResource()}}isResultAvailable(e){return this.props.type===`timestamp`?e===void 0?this._timestampPairs.some((e,t)=>this._isTimestampPairAvailable(t)):this._isTimestampPairAvailable(this._getTimestampPairIndex(e)):this._occlusionQuery?this._pollQueryAvailability(this._occlusionQuery):!1}async readResults(e){let t=e?.firstQuery||0,n=e?.queryCount||this.props.count-t;if(this._validateRange(t,n),this.props.type===`timestamp`){let e=Array(n).fill(0n),r=Math.floor(t/2),i=Math.floor((t+n-1)/2);for(let a=r;a<=i;a++){let r=await this._consumeTimestampPairResult(a),i=a*2,o=i+1;i>=t&&i<t+n&&(e[i-t]=0n),o>=t&&o<t+n&&(e[o-t]=r)}return e}if(!this._occlusionQuery)throw Error(`Occlusion query has not been started`);return[await this._consumeQueryResult(this._occlusionQuery)]}async readTimestampDuration(e,t){if(this.props.type!==`timestamp`)throw Error(`Timestamp durations require a timestamp QuerySet`);if(e<0||t>=this.props.count||t<=e)throw Error(`Timestamp duration range is out of bounds`);if(e%2!=0||t!==e+1)throw Error(`WebGL timestamp durations require adjacent even/odd query indices`);let n=await this._consumeTimestampPairResult(this._getTimestampPairIndex(e));return Number(n)/1e6}beginOcclusionQuery(){if(this.props.type!==`occlusion`)throw Error(`Occlusion queries require an occlusion QuerySet`);if(!this.handle)throw Error(`WebGL occlusion query is not available`);if(this._occlusionActive)throw Error(`Occlusion query is already active`);this.device.gl.beginQuery(35887,this.handle),this._occlusionQuery={handle:this.handle,promise:null,result:null,disjoint:!1,cancelled:!1,pollRequestId:null,resolve:null,reject:null},this._occlusionActive=!0}endOcclusionQuery(){if(!this._occlusionActive)throw Error(`Occlusion query is not active`);this.device.gl.endQuery(35887),this._occlusionActive=!1}writeTimestamp(e){if(this.props.type!==`timestamp`)throw Error(`Timestamp writes require a timestamp QuerySet`);let t=this._getTimestampPairIndex(e),n=this._timestampPairs[t];if(e%2==0){if(n.activeQuery)throw Error(`Timestamp query pair is already active`);let e=this.device.gl.createQuery();if(!e)throw Error(`WebGL query not supported`);let t={handle:e,promise:null,result:null,disjoint:!1,cancelled:!1,pollRequestId:null,resolve:null,reject:null};this.device.gl.beginQuery(35007,e),n.activeQuery=t}else{if(!n.activeQuery)throw Error(`Timestamp query pair was ended before it was started`);this.device.gl.endQuery(35007),n.completedQueries.push(n.activeQuery),n.activeQuery=null}}_validateRange(e,t){if(e<0||t<0||e+t>this.props.count)throw Error(`Query read range is out of bounds`)}_getTimestampPairIndex(e){if(e<0||e>=this.props.count)throw Error(`Query index is out of bounds`);return Math.floor(e/2)}_isTimestampPairAvailable(e){let t=this._timestampPairs[e];return!t||t.completedQueries.length===0?!1:this._pollQueryAvailability(t.completedQueries[0])}_pollQueryAvailability(e){if(e.cancelled||this.destroyed)return e.result=0n,!0;if(e.result!==null||e.disjoint)return!0;if(!this.device.gl.getQueryParameter(e.handle,34919))return!1;let t=!!this.device.gl.getParameter(36795);return e.disjoint=t,e.result=t?0n:BigInt(this.device.gl.getQueryParameter(e.handle,34918)),!0}async _consumeTimestampPairResult(e){let t=this._timestampPairs[e];if(!t||t.completedQueries.length===0)throw Error(`Timestamp query pair has no completed result`);let n=t.completedQueries.shift();try{return await this._consumeQueryResult(n)}finally{this.device.gl.deleteQuery(n.handle)}}_consumeQueryResult(e){return e.promise||=(this._pendingReads.add(e),new Promise((t,n)=>{e.resolve=t,e.reject=n;let r=()=>{e.pollRequestId=null,e.cancelled||this.destroyed?(this._pendingReads.delete(e),e.promise=null,e.resolve=null,e.reject=null,t(0n)):this._pollQueryAvailability(e)?(this._pendingReads.delete(e),e.promise=null,e.resolve=null,e.reject=null,e.disjoint?n(Error(`GPU timestamp query was invalidated by a disjoint event`)):t(e.result||0n)):e.pollRequestId=this._requestAnimationFrame(r)};r()})),e.promise}_cancelPendingQuery(e){if(this._pendingReads.delete(e),e.cancelled=!0,e.pollRequestId!==null&&(this._cancelAnimationFrame(e.pollRequestId),e.pollRequestId=null),e.resolve){let t=e.resolve;e.promise=null,e.resolve=null,e.reject=null,t(0n)}}_requestAnimationFrame(e){return requestAnimationFrame(e)}_cancelAnimationFrame(e){cancelAnimationFrame(e)}},Q_=class extends so{device;gl;handle;signaled;_signaled=!1;constructor(e,t={}){super(e,{}),this.device=e,this.gl=e.gl;let n=this.props.handle||this.gl.fenceSync(this.gl.SYNC_GPU_COMMANDS_COMPLETE,0);if(!n)throw Error(`Failed to create WebGL fence`);this.handle=n,this.signaled=new Promise(e=>{let t=()=>{let n=this.gl.clientWaitSync(this.handle,0,0);n===this.gl.ALREADY_SIGNALED||n===this.gl.CONDITION_SATISFIED?(this._signaled=!0,e()):setTimeout(t,1)};t()})}isSignaled(){if(this._signaled)return!0;let e=this.gl.getSyncParameter(this.handle,this.gl.SYNC_STATUS);return this._signaled=e===this.gl.SIGNALED,this._signaled}destroy(){this.destroyed||this.gl.deleteSync(this.handle)}};function $_(e){switch(e){case 6406:case 33326:case 6403:case 36244:return 1;case 33339:case 33340:case 33328:case 33320:case 33319:return 2;case 6407:case 36248:case 34837:return 3;case 6408:case 36249:case 34836:return 4;default:return 0}}function ev(e){switch(e){case 5121:return 1;case 33635:case 32819:case 32820:return 2;case 5126:return 4;default:return 0}}function tv(e,t){let{sourceX:n=0,sourceY:r=0,sourceAttachment:i=0}=t||{},{target:a=null,sourceWidth:o,sourceHeight:s,sourceDepth:c,sourceFormat:l,sourceType:u}=t||{},{framebuffer:d,deleteFramebuffer:f}=rv(e),{gl:p,handle:m}=d;o||=d.width,s||=d.height;let h=d.colorAttachments[i]?.texture;if(!h)throw Error(`Invalid framebuffer attachment ${i}`);c=h?.depth||1,l||=h?.glFormat||6408,u||=h?.glType||5121,a=av(a,u,l,o,s,c);let g=se.getDataType(a);u||=a_(g);let _=p.bindFramebuffer(36160,m);return p.readBuffer(36064+i),p.readPixels(n,r,o,s,l,u,a),p.readBuffer(36064),p.bindFramebuffer(36160,_||null),f&&d.destroy(),a}function nv(e,t){let{target:n,sourceX:r=0,sourceY:i=0,sourceFormat:a=6408,targetByteOffset:o=0}=t||{},{sourceWidth:s,sourceHeight:c,sourceType:l}=t||{},{framebuffer:u,deleteFramebuffer:d}=rv(e);s||=u.width,c||=u.height;let f=u;l||=5121;let p=n;if(!p){let e=$_(a),t=ev(l),n=o+s*c*e*t;p=f.device.createBuffer({byteLength:n})}let m=e.device.createCommandEncoder();return m.copyTextureToBuffer({sourceTexture:e,width:s,height:c,origin:[r,i],destinationBuffer:p,byteOffset:o}),m.destroy(),d&&u.destroy(),p}function rv(e){return e instanceof $a?{framebuffer:e,deleteFramebuffer:!1}:{framebuffer:iv(e),deleteFramebuffer:!0}}function iv(e,t){let{device:n,width:r,height:i,id:a}=e;return n.createFramebuffer({...t,id:`framebuffer-for-${a}`,width:r,height:i,colorAttachments:[e]})}function av(e,t,n,r,i,a){if(e)return e;t||=5121;let o=Zg(t),s=se.getTypedArrayConstructor(o),c=$_(n);return new s(r*i*c)}function ov(e){let t=new Map;for(let n in e){let r=e[n];if(n<`a`){let e=t.get(r);t.set(r,e?`${e}, GL.${n}`:`GL.${n}`)}}return t}var sv=Te({WebGLDevice:()=>cv}),cv=class e extends Ba{static getDeviceFromContext(e){return e?e.luma?.device??null:null}type=`webgl`;handle;features;limits;info;canvasContext;preferredColorFormat=`rgba8unorm`;preferredDepthFormat=`depth24plus`;commandEncoder;lost;_resolveContextLost;_isLost=!1;gl;_glKeyByValue=null;_constants;extensions;_polyfilled=!1;spectorJS;get[Symbol.toStringTag](){return`WebGLDevice`}toString(){return`${this[Symbol.toStringTag]}(${this.id})`}isVertexFormatSupported(e){switch(e){case`unorm8x4-bgra`:return!1;default:return!0}}constructor(t){super({...t,id:t.id||Tg(`webgl-device`)});let n=Ba._getCanvasContextProps(t);if(!n)throw Error(`WebGLDevice requires props.createCanvasContext to be set`);let r=n.canvas?.gl??null,i=e.getDeviceFromContext(r);if(i)throw Error(`WebGL context already attached to device ${i.id}`);this.canvasContext=new Sg(this,n),this.lost=new Promise(e=>{this._resolveContextLost=e});let a={...t.webgl};n.alphaMode===`premultiplied`&&(a.premultipliedAlpha=!0),t.powerPreference!==void 0&&(a.powerPreference=t.powerPreference),t.failIfMajorPerformanceCaveat!==void 0&&(a.failIfMajorPerformanceCaveat=t.failIfMajorPerformanceCaveat);let o=this.props._handle||Nh(this.canvasContext.canvas,{onContextLost:e=>this._resolveContextLost?.({reason:`destroyed`,message:`Entered sleep mode, or too many apps or browser tabs are using the GPU.`}),onContextRestored:e=>{console.log(`WebGL context restored`)}},a);if(!o)throw Error(`WebGL context creation failed`);if(i=e.getDeviceFromContext(o),i){if(t._reuseDevices)return k.log(1,`Not creating a new Device, instead returning a reference to Device ${i.id} already attached to WebGL context`,i)(),this.canvasContext.destroy(),i._reused=!0,i;throw Error(`WebGL context already attached to device ${i.id}`)}this.handle=o,this.gl=o,this.spectorJS=Xm({...this.props,gl:this.handle});let s=Mh(this.handle);s.device=this,s.extensions||={},this.extensions=s.extensions,this.info=Fh(this.gl,this.extensions),this.limits=new vg(this.gl),this.features=new _g(this.gl,this.extensions,this.props._disabledFeatures),this.props._initializeFeatures&&this.features.initializeFeatures(),new Oh(this.gl,{log:(...e)=>k.log(1,...e)()}).trackState(this.gl,{copyState:!1}),(t.debug||t.debugWebGL)&&(this.gl=Jm(this.gl,{debugWebGL:!0,traceWebGL:t.debugWebGL}),k.warn(`WebGL debug mode activated. Performance reduced.`)()),t.debugWebGL&&(k.level=Math.max(k.level,1)),this.commandEncoder=new W_(this,{id:`${this}-command-encoder`}),this.canvasContext._startObservers()}destroy(){if(!this.props._reuseDevices&&!this._reused){this._isLost=!0,this.commandEncoder?.destroy();let e=Mh(this.handle);e.device=null}}get isLost(){return this._isLost||this.gl.isContextLost()}createCanvasContext(e){throw Error(`WebGL only supports a single canvas`)}createPresentationContext(e){return new Cg(this,e||{})}createBuffer(e){let t=this._normalizeBufferProps(e);return new Eg(this,t)}createTexture(e){return new $g(this,e)}createExternalTexture(e){throw Error(`ExternalTexture is not available on WebGL`)}createSampler(e){return new qg(this,e)}createShader(e){return new jg(this,e)}createFramebuffer(e){return new yg(this,e)}createVertexArray(e){return new K_(this,e)}createTransformFeedback(e){return new Y_(this,e)}createQuerySet(e){return new Z_(this,e)}createFence(){return new Q_(this)}createRenderPipeline(e){return new O_(this,e)}_createSharedRenderPipelineWebGL(e){return new N_(this,e)}createComputePipeline(e){throw Error(`ComputePipeline not supported in WebGL`)}createRenderBundleEncoder(e){throw Error(`Render bundles are only supported in WebGPU`)}createCommandEncoder(e={}){return new W_(this,e)}submit(e){let t=null;e||({submittedCommandEncoder:t,commandBuffer:e}=this._finalizeDefaultCommandEncoderForSubmit());try{e._executeCommands(),t&&t.resolveTimeProfilingQuerySet().then(()=>{this.commandEncoder._gpuTimeMs=t._gpuTimeMs}).catch(()=>{})}finally{e.destroy()}}writeBufferViaCommandEncoder(e,t,n,r=0){t.write(n,r)}_finalizeDefaultCommandEncoderForSubmit(){let e=this.commandEncoder,t=e.finish();return this.commandEncoder.destroy(),this.commandEncoder=this.createCommandEncoder({id:e.props.id,timeProfilingQuerySet:e.getTimeProfilingQuerySet()}),{submittedCommandEncoder:e,commandBuffer:t}}readPixelsToArrayWebGL(e,t){return tv(e,t)}readPixelsToBufferWebGL(e,t){return nv(e,t)}setParametersWebGL(e){Sh(this.gl,e)}getParametersWebGL(e){return Ch(this.gl,e)}withParametersWebGL(e,t){return Jg(this.gl,e,t)}resetWebGL(){k.warn(`WebGLDevice.resetWebGL is deprecated, use only for debugging`)(),wh(this.gl)}_getDeviceSpecificTextureFormatCapabilities(e){return ug(this.gl,e,this.extensions)}loseDevice(){let e=!1,t=this.getExtension(`WEBGL_lose_context`).WEBGL_lose_context;return t&&(e=!0,t.loseContext()),this._resolveContextLost?.({reason:`destroyed`,message:`Application triggered context loss`}),e}pushState(){Oh.get(this.gl).push()}popState(){Oh.get(this.gl).pop()}getGLKey(e,t){return this._getGLKeyByValue().get(Number(e))||(t?.emptyIfUnknown?``:String(e))}getGLKeys(e){let t={emptyIfUnknown:!0};return Object.entries(e).reduce((e,[n,r])=>(e[`${n}:${this.getGLKey(n,t)}`]=`${r}:${this.getGLKey(r,t)}`,e),{})}_getGLKeyByValue(){return this._glKeyByValue??=ov(this.gl),this._glKeyByValue}setConstantAttributeWebGL(e,t){let n=this.limits.maxVertexAttributes;this._constants=this._constants||Array(n).fill(null);let r=this._constants[e];switch(r&&fv(r,t)&&k.info(1,`setConstantAttributeWebGL(${e}) could have been skipped, value unchanged`)(),this._constants[e]=t,t.constructor){case Float32Array:lv(this,e,t);break;case Int32Array:uv(this,e,t);break;case Uint32Array:dv(this,e,t);break;default:throw Error(`constant`)}}getExtension(e){return Ph(this.gl,e,this.extensions),this.extensions}_setWebGLDebugMetadata(e,t,n){e.luma=t,e.__SPECTOR_Metadata={props:n.spector,id:n.spector.id}}};function lv(e,t,n){switch(n.length){case 1:e.gl.vertexAttrib1fv(t,n);break;case 2:e.gl.vertexAttrib2fv(t,n);break;case 3:e.gl.vertexAttrib3fv(t,n);break;case 4:e.gl.vertexAttrib4fv(t,n)}}function uv(e,t,n){e.gl.vertexAttribI4iv(t,n)}function dv(e,t,n){e.gl.vertexAttribI4uiv(t,n)}function fv(e,t){if(!e||!t||e.length!==t.length||e.constructor!==t.constructor)return!1;for(let n=0;n<e.length;++n)if(e[n]!==t[n])return!1;return!0}function pv(){}var mv={id:``,width:`100%`,height:`100%`,style:null,viewState:null,initialViewState:null,pickingRadius:0,pickAsync:`auto`,layerFilter:null,parameters:{},parent:null,device:null,deviceProps:{},gl:null,canvas:null,_canvases:null,layers:[],effects:[],views:null,controller:null,useDevicePixels:!0,touchAction:`none`,eventRecognizerOptions:{},_framebuffer:null,_animate:!1,_pickable:!0,_typedArrayManagerProps:{},_customRender:null,widgets:[],onDeviceInitialized:pv,onWebGLInitialized:pv,onResize:pv,onViewStateChange:pv,onInteractionStateChange:pv,onBeforeRender:pv,onAfterRender:pv,onLoad:pv,onError:e=>I.error(e.message,e.cause)(),onHover:null,onClick:null,onDragStart:null,onDrag:null,onDragEnd:null,_onMetrics:null,getCursor:({isDragging:e})=>e?`grabbing`:`grab`,getTooltip:null,debug:!1,drawPickingColors:!1},hv=class{constructor(e){this.width=0,this.height=0,this.userData={},this.device=null,this.canvas=null,this.viewManager=null,this.layerManager=null,this.effectManager=null,this.deckRenderer=null,this.deckPicker=null,this.eventManager=null,this.eventManagers={},this.widgetManager=null,this.tooltip=null,this.animationLoop=null,this._canvasContext=null,this._deviceResizeHandler=null,this.cursorState={isHovering:!1,isDragging:!1},this.stats=new Fn({id:`deck.gl`}),this.metrics={fps:0,setPropsTime:0,layersCount:0,drawLayersCount:0,updateLayersCount:0,updateAttributesCount:0,updateAttributesTime:0,framesRedrawn:0,pickTime:0,pickCount:0,pickLayersCount:0,gpuTime:0,gpuTimePerFrame:0,cpuTime:0,cpuTimePerFrame:0,bufferMemory:0,textureMemory:0,renderbufferMemory:0,gpuMemory:0},this._metricsCounter=0,this._hoverPickSequence=0,this._pointerDownPickSequence=0,this._needsRedraw=`Initial render`,this._canvasManager=new Rm({createEventManager:e=>this._createEventManager(e),getEventRoot:e=>this._getEventRoot(e)}),this._ownedCanvas=null,this._pickRequest={mode:`hover`,x:-1,y:-1,radius:0,canvasId:void 0,event:null,unproject3D:!1},this._lastPointerDownInfo=null,this._lastPointerDownInfoPromise=null,this._onPointerMove=e=>{let{_pickRequest:t}=this,n=this._getCanvasIdFromEvent(e);if(e.type===`pointerleave`)t.x=-1,t.y=-1,t.radius=0,t.canvasId=n;else if(e.leftButton||e.rightButton)return;else{let r=e.offsetCenter;if(!r)return;t.x=r.x,t.y=r.y,t.radius=this.props.pickingRadius,t.canvasId=n}this.layerManager&&(this.layerManager.context.mousePosition={x:t.x,y:t.y}),t.event=e},this._onEvent=e=>{let t=zl[e.type],n=e.offsetCenter,r=this._getCanvasIdFromEvent(e);if(!t||!n||!this.layerManager)return;let i=this.layerManager.getLayers(),a=this._getInternalPickingMode();if(a){if(a===`sync`){let t=e.type===`click`&&this._shouldUnproject3D(i)?this._getFirstPickedInfo(this._pickPointSync(this._getPointPickOptions(n.x,n.y,{unproject3D:!0,canvasId:r},i))):this._getLastPointerDownPickingInfo(n.x,n.y,r,i);this._dispatchPickingEvent(t,e)}else(this._lastPointerDownInfoPromise||Promise.resolve(this._getLastPointerDownPickingInfo(n.x,n.y,r,i))).then(t=>{this._dispatchPickingEvent(t,e)}).catch(e=>this.props.onError?.(e))}},this._onPointerDown=e=>{let t=e.offsetCenter,n=this._getCanvasIdFromEvent(e);if(!t)return;let r=this._getInternalPickingMode();if(!r)return;let i=this.layerManager?.getLayers()||[],a=++this._pointerDownPickSequence;if(r===`sync`){let e=this._pickPointSync({x:t.x,y:t.y,canvasId:n,radius:this.props.pickingRadius}),r=this._getFirstPickedInfo(e);this._lastPointerDownInfo=r,this._lastPointerDownInfoPromise=Promise.resolve(r);return}let o=this._pickPointAsync(this._getPointPickOptions(t.x,t.y,{canvasId:n},i)).then(e=>this._getFirstPickedInfo(e)).then(e=>(a===this._pointerDownPickSequence&&(this._lastPointerDownInfo=e),e)).catch(e=>{this.props.onError?.(e);let r=this.deckPicker&&this.viewManager?this._getLastPointerDownPickingInfo(t.x,t.y,n,i):{};return a===this._pointerDownPickSequence&&(this._lastPointerDownInfo=r),r});this._lastPointerDownInfo=null,this._lastPointerDownInfoPromise=o};let t=e;this.props={...mv,...e},e=this.props,this._validateCanvasConfiguration(e),e.viewState&&e.initialViewState&&I.warn("View state tracking is disabled. Use either `initialViewState` for auto update or `viewState` for manual update.")(),this.viewState=this.props.initialViewState,e.device&&(this.device=e.device,this._setDeviceCanvasContext(e.device));let n=this.device;!n&&e.gl&&(e.gl instanceof WebGLRenderingContext&&I.error(`WebGL1 context not supported.`)(),n=sh.attach(e.gl,{_cacheShaders:!0,_cachePipelines:!0,...this.props.deviceProps})),n||=this._createDevice(e),this.animationLoop=this._createAnimationLoop(n,e),this.setProps(t),e._typedArrayManagerProps&&kd.setOptions(e._typedArrayManagerProps),this.animationLoop.start()}finalize(){this._restoreDeviceResizeHandler(),this.animationLoop?.stop(),this.animationLoop?.destroy(),this.animationLoop=null,this._hoverPickSequence++,this._pointerDownPickSequence++,this._lastPointerDownInfo=null,this._lastPointerDownInfoPromise=null,this.layerManager?.finalize(),this.layerManager=null,this.viewManager?.finalize(),this.viewManager=null,this.effectManager?.finalize(),this.effectManager=null,this.deckRenderer?.finalize(),this.deckRenderer=null,this.deckPicker?.finalize(),this.deckPicker=null,Object.keys(this._canvasManager.targets).length||this.eventManager?.destroy(),this.eventManager=null,this.eventManagers={},this.widgetManager?.finalize(),this.widgetManager=null,this._canvasManager.finalize(),this._isMultiCanvasMode()?this.canvas=null:this.canvas&&this.canvas===this._ownedCanvas&&(this.canvas.parentElement?.removeChild(this.canvas),this.canvas=null,this._ownedCanvas=null),this._canvasContext=null}setProps(e){this.stats.get(`setProps Time`).timeStart(),`onLayerHover`in e&&I.removed(`onLayerHover`,`onHover`)(),`onLayerClick`in e&&I.removed(`onLayerClick`,`onClick`)(),e.initialViewState&&!G(this.props.initialViewState,e.initialViewState,3)&&(this.viewState=e.initialViewState),K(!(`_canvases`in e)||Array.isArray(e._canvases)===this._isMultiCanvasMode()),Object.assign(this.props,e),this._validateCanvasConfiguration(this.props),this._validateInternalPickingMode(),this.device&&this._isMultiCanvasMode()&&this._syncCanvasTargets(),this._setCanvasSize(this.props);let t=Object.create(this.props);if(Object.assign(t,{views:this._getViews(),width:this.width,height:this.height,viewState:this._getViewState(),eventManagers:this.eventManagers}),e.device&&e.device.id!==this.device?.id){let t=e.device.getDefaultCanvasContext();this.animationLoop?.stop(),!this._isMultiCanvasMode()&&this.canvas!==t.canvas&&(this.canvas?.remove(),this.eventManager?.destroy(),this.canvas=null),this._setDeviceCanvasContext(e.device),I.log(`recreating animation loop for new device! id=${e.device.id}`)(),this.animationLoop=this._createAnimationLoop(e.device,e),this.animationLoop.start()}if(this.animationLoop?.setProps(t),e.useDevicePixels!==void 0&&this._canvasContext?.setProps){this._canvasContext.setProps({useDevicePixels:e.useDevicePixels});for(let t of Object.values(this._canvasManager.targets))t.presentationContext.setProps({useDevicePixels:e.useDevicePixels})}this.layerManager&&(this.viewManager.setProps(t),this.layerManager.activateViewport(this.getViewports()[0]),this.layerManager.setProps(t),this.effectManager.setProps(t),this.deckRenderer.setProps(t),this.deckPicker.setProps(t),this.widgetManager.setProps(t)),this.stats.get(`setProps Time`).timeEnd()}needsRedraw(e={clearRedrawFlags:!1}){if(!this.layerManager)return!1;if(this.props._animate)return`Deck._animate`;let t=this._needsRedraw;e.clearRedrawFlags&&(this._needsRedraw=!1);let n=this.viewManager.needsRedraw(e),r=this.layerManager.needsRedraw(e),i=this.effectManager.needsRedraw(e),a=this.deckRenderer.needsRedraw(e);return t=t||n||r||i||a,t}redraw(e){if(!this.layerManager)return;let t=this.needsRedraw({clearRedrawFlags:!0});t=e||t,t&&(this.stats.get(`Redraw Count`).incrementCount(),this.props._customRender?this.props._customRender(t):this._drawLayers(t))}get isInitialized(){return this.viewManager!==null}getViews(){return K(this.viewManager),this.viewManager.views}getView(e){return K(this.viewManager),this.viewManager.getView(e)}getViewports(e){return K(this.viewManager),this.viewManager.getViewports(e)}getCanvas(){return this.canvas}getCanvasContext(e){let t=e?this.viewManager?.getView(e)?.props.canvasId:void 0;return this._getCanvasContext(t)}getEventManager(e){if(!e||!this.viewManager)return this.eventManager;let t=this.viewManager.getCanvasId(e)||`default-canvas`;return this.eventManagers[t]||this.eventManager}async pickObjectAsync(e){let t=(await this._pickAsync(`pickObjectAsync`,`pickObject Time`,e)).result;return t.length?t[0]:null}async pickObjectsAsync(e){return await this._pickAsync(`pickObjectsAsync`,`pickObjects Time`,e)}pickObject(e){let t=this._pick(`pickObject`,`pickObject Time`,e).result;return t.length?t[0]:null}pickMultipleObjects(e){return e.depth=e.depth||10,this._pick(`pickObject`,`pickMultipleObjects Time`,e).result}pickObjects(e){return this._pick(`pickObjects`,`pickObjects Time`,e)}_pickPositionForController(e,t,n){return this._getInternalPickingMode()===`sync`?this.pickObject({x:e,y:t,radius:0,unproject3D:!0,canvasId:n?this.viewManager?.getCanvasId(n):void 0}):null}_addResources(e,t=!1){for(let n in e)this.layerManager.resourceManager.add({resourceId:n,data:e[n],forceUpdate:t})}_removeResources(e){for(let t of e)this.layerManager.resourceManager.remove(t)}_addDefaultEffect(e){this.effectManager.addDefaultEffect(e)}_addDefaultShaderModule(e){this.layerManager.addDefaultShaderModule(e)}_removeDefaultShaderModule(e){this.layerManager?.removeDefaultShaderModule(e)}_resolveInternalPickingMode(){let{pickAsync:e}=this.props,t=this.device?.type||this.props.deviceProps?.type;if(e===`auto`)return t===`webgpu`?`async`:`sync`;if(e===`sync`&&t===`webgpu`)throw Error('`pickAsync: "sync"` is not supported when Deck is using a WebGPU device.');return e}_getInternalPickingMode(){try{return this._resolveInternalPickingMode()}catch(e){return this.props.onError?.(e),null}}_validateInternalPickingMode(){this._getInternalPickingMode()}_getFirstPickedInfo({result:e,emptyInfo:t}){return e[0]||t}_shouldUnproject3D(e=this.layerManager?.getLayers()||[]){return e.some(e=>e.props.pickable===`3d`)}_getPointPickOptions(e,t,n={},r=this.layerManager?.getLayers()||[]){return{x:e,y:t,canvasId:n.canvasId,radius:this.props.pickingRadius,unproject3D:this._shouldUnproject3D(r),...n}}_pickPointSync(e){return this._pick(`pickObject`,`pickObject Time`,e)}_pickPointAsync(e){return this._pickAsync(`pickObjectAsync`,`pickObject Time`,e)}_getLastPointerDownPickingInfo(e,t,n,r=this.layerManager?.getLayers()||[]){return this.deckPicker.getLastPickedObject({x:e,y:t,layers:r,viewports:this.getViewports({x:e,y:t,canvasId:n})},this._lastPointerDownInfo)}_applyHoverCallbacks({result:e,emptyInfo:t},n){if(!this.widgetManager)return;this.cursorState.isHovering=e.length>0;let r=t,i=!1;for(let t of e)r=t,i=t.layer?.onHover(t,n)||i;i||(this.props.onHover?.(r,n),this.widgetManager.onHover(r,n))}_dispatchPickingEvent(e,t){if(!this.layerManager||!this.widgetManager)return;let n=zl[t.type];if(!n)return;let{layer:r}=e,i=r&&(r[n]||r.props[n]),a=this.props[n],o=!1;i&&(o=i.call(r,e,t)),o||(a?.(e,t),this.widgetManager.onEvent(e,t))}_pickAsync(e,t,n){K(this.deckPicker);let{stats:r}=this,i=this._isMultiCanvasMode()?n.canvasId||this._getDefaultCanvasId():n.canvasId,a=this._getCanvasContext(i)||void 0;r.get(`Pick Count`).incrementCount(),r.get(t).timeStart(),this._resizeForCanvasTarget(i);let o=this.deckPicker[e]({layers:this.layerManager.getLayers(n),views:this.viewManager.getViews(),viewports:this.getViewports({...n,canvasId:i}),onViewportActive:this.layerManager.activateViewport,effects:this.effectManager.getEffects(),...n,canvasId:i,canvasContext:a});return r.get(t).timeEnd(),o}_pick(e,t,n){K(this.deckPicker);let{stats:r}=this,i=this._isMultiCanvasMode()?n.canvasId||this._getDefaultCanvasId():n.canvasId,a=this._getCanvasContext(i)||void 0;r.get(`Pick Count`).incrementCount(),r.get(t).timeStart(),this._resizeForCanvasTarget(i);let o=this.deckPicker[e]({layers:this.layerManager.getLayers(n),views:this.viewManager.getViews(),viewports:this.getViewports({...n,canvasId:i}),onViewportActive:this.layerManager.activateViewport,effects:this.effectManager.getEffects(),...n,canvasId:i,canvasContext:a});return r.get(t).timeEnd(),o}_createCanvas(e){let t=e.canvas;return typeof t==`string`&&(t=document.getElementById(t),K(t)),t?this._ownedCanvas=null:(t=document.createElement(`canvas`),t.id=e.id||`deckgl-overlay`,e.width&&typeof e.width==`number`&&(t.width=e.width),e.height&&typeof e.height==`number`&&(t.height=e.height),(e.parent||document.body).appendChild(t),this._ownedCanvas=t),Object.assign(t.style,e.style),t}_isMultiCanvasMode(){return Array.isArray(this.props._canvases)}_getDefaultCanvasId(){return this._canvasManager.order[0]||`default-canvas`}_validateCanvasConfiguration(e){Array.isArray(e._canvases)&&(K(!e.canvas),K(!e.gl),K(!e.device?.canvasContext||e.device.getDefaultCanvasContext().offscreenCanvas))}_createEventManager(e){let t=new Fl(e,{touchAction:this.props.touchAction,recognizers:Object.keys(Bl).map(e=>{let[t,n,r,i]=Bl[e],a=this.props.eventRecognizerOptions?.[e];return{recognizer:new t({...n,...a,event:e}),recognizeWith:r,requireFailure:i}}),events:{pointerdown:this._onPointerDown,pointermove:this._onPointerMove,pointerleave:this._onPointerMove}});for(let e in zl)e===`dblclick`?t.watch(e,this._onEvent):t.on(e,this._onEvent);return t}_getEventRoot(e){return e.closest(`.deck-events-root`)||this.props.parent?.querySelector(`.deck-events-root`)||e}_syncCanvasTargets(){if(!this.device||!this._isMultiCanvasMode())return;this._canvasManager.syncCanvasEntries({device:this.device,canvases:this.props._canvases||[],useDevicePixels:this.props.useDevicePixels}),this.eventManagers=this._canvasManager.eventManagers;let e=this._getDefaultCanvasId();this.eventManager=this.eventManagers[e]||null,this.canvas=this._canvasManager.targets[e]?.canvas||null}_setCanvasContext(e){this._canvasContext=e,`style`in e.canvas&&(this.canvas=e.canvas)}_setDeviceCanvasContext(e,t={}){let n=e.getDefaultCanvasContext();this._setCanvasContext(n),this._setDeviceResizeHandler(e,t)}_setDeviceResizeHandler(e,t={}){let n=!!t.syncDrawingBuffer;if(this._deviceResizeHandler?.device===e){this._deviceResizeHandler.syncDrawingBuffer=n;return}this._restoreDeviceResizeHandler();let r=e=>{this._isMultiCanvasMode()?this._updateMultiCanvasDimensions():e===this._canvasContext&&this._canvasContext&&this._onCanvasContextResize(this._canvasContext,{syncDrawingBuffer:this._deviceResizeHandler?.syncDrawingBuffer})};e.props.onResize=r,this._deviceResizeHandler={device:e,onResize:r,syncDrawingBuffer:n}}_restoreDeviceResizeHandler(){let e=this._deviceResizeHandler;e&&e.device.props?.onResize===e.onResize&&(e.device.props.onResize=pv),this._deviceResizeHandler=null}_setCanvasSize(e){if(this._isMultiCanvasMode()||!this.canvas)return;let{width:t,height:n}=e;if(t||t===0){let e=Number.isFinite(t)?`${t}px`:t;this.canvas.style.width=e}if(n||n===0){let t=Number.isFinite(n)?`${n}px`:n;this.canvas.style.position=e.style?.position||`absolute`,this.canvas.style.height=t}}_getCanvasIdFromEvent(e){return this._canvasManager.getCanvasIdFromEvent(e?.rootElement)}_getCanvasContext(e){return this._canvasManager.getTarget(e)?.presentationContext||this._canvasContext}_resizeForCanvasTarget(e){let t=this._canvasManager.getTarget(e);if(!t||!this.device?.canvasContext)return;let[n,r]=t.presentationContext.getDrawingBufferSize();this.device.canvasContext.setDrawingBufferSize(n,r)}_createDeviceCanvas(e){if(this._isMultiCanvasMode()){let t=globalThis.OffscreenCanvas;if(!t)throw Error("`_canvases` requires OffscreenCanvas support.");return new t(typeof e.width==`number`&&Number.isFinite(e.width)?e.width:1,typeof e.height==`number`&&Number.isFinite(e.height)?e.height:1)}return this._createCanvas(e)}_updateCanvasSize(e=this._canvasContext){if(this._isMultiCanvasMode()){this._updateMultiCanvasDimensions();return}let{canvas:t}=this,[n,r]=e?e.getCSSSize():[t?.clientWidth??t?.width??0,t?.clientHeight??t?.height??0];(n!==this.width||r!==this.height)&&(this.width=n,this.height=r,this.viewManager?.setProps({width:n,height:r}),this.layerManager?.activateViewport(this.getViewports()[0]),this.props.onResize({width:n,height:r},e||void 0))}_onCanvasContextResize(e,t={}){if(t.syncDrawingBuffer){let{width:t,height:n}=e.canvas;e.setDrawingBufferSize(t,n)}this._needsRedraw=`Canvas resized`,this._updateCanvasSize(e)}_updateMultiCanvasDimensions(){let[e,t]=this._getCanvasContext()?.getCSSSize()||[0,0];(e!==this.width||t!==this.height)&&(this.width=e,this.height=t,this.props.onResize({width:e,height:t})),this._needsRedraw=`Canvas resized`,this.viewManager?.setNeedsUpdate(`Canvas resized`),this.viewManager?.setProps({width:this.width,height:this.height})}_createAnimationLoop(e,t){let{gl:n,onError:r}=t;return new gf({device:e,autoResizeDrawingBuffer:!n&&!Array.isArray(t._canvases),autoResizeViewport:!1,onInitialize:e=>this._setDevice(e.device),onRender:this._onRenderFrame.bind(this),onError:r})}_createDevice(e){let t=this.props.deviceProps?.createCanvasContext,n=typeof t==`object`?t:void 0,r={adapters:[],_cacheShaders:!0,_cachePipelines:!0,...e.deviceProps};r.adapters.includes(sh)||r.adapters.push(sh);let i={alphaMode:this.props.deviceProps?.type===`webgpu`?`premultiplied`:void 0};return wa.createDevice({_reuseDevices:!0,type:`webgl`,...r,createCanvasContext:{...i,...n,canvas:this._createDeviceCanvas(e),useDevicePixels:this.props.useDevicePixels,autoResize:!0}})}_getViewState(){return this.props.viewState||this.viewState}_getViews(){let{views:e}=this.props,t=Array.isArray(e)?e:e?[e]:[new mm({id:`default-view`})];return t.length&&this.props.controller&&(t[0]=t[0].clone({controller:this.props.controller})),t}_onContextLost(){let{onError:e}=this.props;this.animationLoop&&e&&e(Error(`WebGL context is lost`))}_pickAndCallback(){let{_pickRequest:e}=this;if(e.event){let t=e.event,n=this.layerManager?.getLayers()||[],r=this._getPointPickOptions(e.x,e.y,{canvasId:e.canvasId,radius:e.radius,mode:e.mode},n),i=this._getInternalPickingMode(),a=++this._hoverPickSequence;if(e.event=null,e.canvasId=void 0,!i)return;if(i===`sync`){this._applyHoverCallbacks(this._pickPointSync(r),t);return}this._pickPointAsync(r).then(({result:e,emptyInfo:n})=>{a===this._hoverPickSequence&&this._applyHoverCallbacks({result:e,emptyInfo:n},t)}).catch(e=>this.props.onError?.(e))}}_updateCursor(){let e=this.props.getCursor(this.cursorState);if(this._isMultiCanvasMode()){for(let t of Object.values(this._canvasManager.targets))t.canvas.style.cursor=e;return}let t=this.props.parent||this.canvas;t&&(t.style.cursor=e)}_setDevice(e){if(this.device=e,this._validateInternalPickingMode(),!this.animationLoop)return;this._setDeviceCanvasContext(e,{syncDrawingBuffer:!!(this.props.gl&&this.props.device!==e)}),this._isMultiCanvasMode()?this._syncCanvasTargets():this.canvas&&!this.canvas.isConnected&&this.props.parent&&this.props.parent.insertBefore(this.canvas,this.props.parent.firstChild),this.device.type===`webgl`&&this.device.setParametersWebGL({blend:!0,blendFunc:[770,771,1,771],polygonOffsetFill:!0,depthTest:!0,depthFunc:515}),this.props.onDeviceInitialized(this.device),this.device.type===`webgl`&&this.props.onWebGLInitialized(this.device.gl);let t=new uf;if(t.play(),this.animationLoop.attachTimeline(t),!this._isMultiCanvasMode()){let e=this.canvas&&this._getEventRoot(this.canvas);K(e),this.eventManager=this._createEventManager(e),this.eventManagers={[xp]:this.eventManager}}this.viewManager=new Sp({timeline:t,eventManager:this.eventManager,eventManagers:this.eventManagers,getCanvasContext:this._isMultiCanvasMode()?this.getCanvasContext.bind(this):void 0,onViewStateChange:this._onViewStateChange.bind(this),onInteractionStateChange:this._onInteractionStateChange.bind(this),pickPosition:this._pickPositionForController.bind(this),views:this._getViews(),viewState:this._getViewState(),width:this.width,height:this.height});let n=this.viewManager.getViewports()[0];this.layerManager=new bp(this.device,{deck:this,stats:this.stats,viewport:n,timeline:t}),this.effectManager=new _m({deck:this,device:this.device}),this.deckRenderer=new bm(this.device,{stats:this.stats}),this.deckPicker=new Om(this.device,{stats:this.stats});let r=this.props.parent?.querySelector(`.deck-widgets-root`)||(this._isMultiCanvasMode()?this.props.parent||this.canvas?.parentElement:null)||this.canvas?.parentElement;this.widgetManager=new Mm({deck:this,parentElement:r}),this.widgetManager.addDefault(new Lm),this.setProps({}),this._updateCanvasSize(this._canvasContext),this.props.onLoad()}_drawLayers(e,t){let{device:n,gl:r}=this.layerManager.context;this.props.onBeforeRender({device:n,gl:r});let i={target:this.props._framebuffer,layers:this.layerManager.getLayers(),viewports:this.viewManager.getViewports(),onViewportActive:this.layerManager.activateViewport,views:this.viewManager.getViews(),pass:`screen`,effects:this.effectManager.getEffects(),...t};if(this._isMultiCanvasMode()&&i.pass===`screen`&&!i.target&&this._canvasManager.order.length)for(let e of this._canvasManager.order){let t=i.viewports.filter(t=>this.viewManager.getCanvasId(t.id)===e);if(!t.length){let t=this._canvasManager.targets[e];this._resizeForCanvasTarget(e),this.deckRenderer?.renderLayers({...i,canvasContext:t.presentationContext,target:t.presentationContext.getCurrentFramebuffer(),viewports:[],clearCanvas:!0}),t.presentationContext.present();continue}let n=this._canvasManager.targets[e];this._resizeForCanvasTarget(e);let r=n.presentationContext.getCurrentFramebuffer();this.deckRenderer?.renderLayers({...i,canvasContext:n.presentationContext,target:r,viewports:t}),n.presentationContext.present()}else this.deckRenderer?.renderLayers(i);i.pass===`screen`&&this.widgetManager.onRedraw({viewports:i.viewports,layers:i.layers}),this.props.onAfterRender({device:n,gl:r})}_onRenderFrame(){this._getFrameStats(),this._metricsCounter++%60==0&&(this._getMetrics(),this.stats.reset(),I.table(4,this.metrics)(),this.props._onMetrics&&this.props._onMetrics(this.metrics)),this._updateCursor(),this.layerManager.updateLayers(),this._pickAndCallback(),this.redraw(),this.viewManager&&this.viewManager.updateViewStates()}_onViewStateChange(e){let t=this.props.onViewStateChange(e)||e.viewState;this.viewState&&(this.viewState={...this.viewState,[e.viewId]:t},this.props.viewState||this.viewManager&&this.viewManager.setProps({viewState:this.viewState}))}_onInteractionStateChange(e){this.cursorState.isDragging=e.isDragging||!1,this.props.onInteractionStateChange(e)}_getFrameStats(){let{stats:e}=this;e.get(`frameRate`).timeEnd(),e.get(`frameRate`).timeStart();let t=this.animationLoop.stats;e.get(`GPU Time`).addTime(t.get(`GPU Time`).lastTiming),e.get(`CPU Time`).addTime(t.get(`CPU Time`).lastTiming)}_getMetrics(){let{metrics:e,stats:t}=this;e.fps=t.get(`frameRate`).getHz(),e.setPropsTime=t.get(`setProps Time`).time,e.updateAttributesTime=t.get(`Update Attributes`).time,e.framesRedrawn=t.get(`Redraw Count`).count,e.pickTime=t.get(`pickObject Time`).time+t.get(`pickMultipleObjects Time`).time+t.get(`pickObjects Time`).time,e.pickCount=t.get(`Pick Count`).count,e.layersCount=this.layerManager?.layers.length??0,e.drawLayersCount=t.get(`Layers rendered`).lastSampleCount,e.pickLayersCount=t.get(`Layers picked`).lastSampleCount,e.updateLayersCount=t.get(`Layer updates`).count,e.updateAttributesCount=t.get(`Attributes updated`).count,e.gpuTime=t.get(`GPU Time`).time,e.cpuTime=t.get(`CPU Time`).time,e.gpuTimePerFrame=t.get(`GPU Time`).getAverageTime(),e.cpuTimePerFrame=t.get(`CPU Time`).getAverageTime();let n=wa.stats.get(`GPU Time and Memory`);e.bufferMemory=n.get(`Buffer Memory`).count,e.textureMemory=n.get(`Texture Memory`).count,e.renderbufferMemory=n.get(`Renderbuffer Memory`).count,e.gpuMemory=n.get(`GPU Memory`).count}};hv.defaultProps=mv,hv.VERSION=da;function gv(e){switch(e){case`float64`:return Float64Array;case`uint8`:case`unorm8`:return Uint8ClampedArray;default:return ie(e)}}var _v=se.getDataType.bind(se);function vv(e,t,n){if(t.size>4)return null;let r=n===`webgpu`&&t.type===`uint8`?`unorm8`:t.type,i=t.size,a=!!(n!==`webgpu`&&i===3&&r&&[`uint8`,`sint8`,`unorm8`,`snorm8`,`uint16`,`sint16`,`unorm16`,`snorm16`].includes(r));return{attribute:e,format:i>1?`${r}x${i}${a?`-webgl`:``}`:t.type,byteOffset:t.offset||0}}function yv(e){return e.stride||e.size*e.bytesPerElement}function bv(e,t){return e.type===t.type&&e.size===t.size&&yv(e)===yv(t)&&(e.offset||0)===(t.offset||0)}function xv(e,t){t.offset&&I.removed(`shaderAttribute.offset`,`vertexOffset, elementOffset`)();let n=yv(e),r=t.vertexOffset===void 0?e.vertexOffset||0:t.vertexOffset,i=t.elementOffset||0,a=r*n+i*e.bytesPerElement+(e.offset||0);return{...t,offset:a,stride:n}}function Sv(e,t){let n=xv(e,t);return{high:n,low:{...n,offset:n.offset+e.size*4}}}var Cv=class{constructor(e,t,n){this._buffer=null,this.device=e,this.id=t.id||``,this.size=t.size||1;let r=t.logicalType||t.type,i=r===`float64`,{defaultValue:a}=t;a=Number.isFinite(a)?[a]:a||Array(this.size).fill(0);let o;o=i?`float32`:!r&&t.isIndexed?`uint32`:r||`float32`;let s=gv(r||o);this.doublePrecision=i,i&&t.fp64===!1&&(s=Float32Array),this.value=null,this.settings={...t,defaultType:s,defaultValue:a,logicalType:r,type:o,normalized:o.includes(`norm`),size:this.size,bytesPerElement:s.BYTES_PER_ELEMENT},this.state={...n,externalBuffer:null,bufferAccessor:this.settings,allocatedValue:null,numInstances:0,bounds:null,constant:!1}}get isConstant(){return this.state.constant}get buffer(){return this._buffer}get byteOffset(){let e=this.getAccessor();return e.vertexOffset?e.vertexOffset*yv(e):0}get numInstances(){return this.state.numInstances}set numInstances(e){this.state.numInstances=e}get isDoublePrecisionBuffer(){return this._shouldSplitDoublePrecisionValue(this.value)}delete(){this._buffer&&=(this._buffer.delete(),null),kd.release(this.state.allocatedValue),this.state.allocatedValue=null}getBuffer(){return this.state.constant&&this.device.type!==`webgpu`?null:this.state.externalBuffer||this._buffer}getValue(e=this.id,t=null){let n={};if(this.state.constant){let r=this.value;if(this.device.type===`webgpu`&&this._buffer)n[e]=this._buffer;else if(t){let i=xv(this.getAccessor(),t),a=i.offset/r.BYTES_PER_ELEMENT,o=i.size||this.size;n[e]=r.subarray(a,a+o)}else n[e]=r}else n[e]=this.getBuffer();return this.doublePrecision&&(this.isDoublePrecisionBuffer?n[`${e}64Low`]=n[e]:n[`${e}64Low`]=new Float32Array(this.size)),n}_getBufferLayout(e=this.id,t=null){let n=this.getAccessor(),r=[],i={name:this.id,byteStride:this.device.type===`webgpu`&&this.state.constant?0:yv(n)};if(this.doublePrecision){let i=Sv(n,t||{});r.push(vv(e,{...n,...i.high},this.device.type),vv(`${e}64Low`,{...n,...i.low},this.device.type))}else if(t){let i=xv(n,t);r.push(vv(e,{...n,...i},this.device.type))}else r.push(vv(e,n,this.device.type));return i.attributes=r.filter(Boolean),i}setAccessor(e){this.state.bufferAccessor=e}getAccessor(){return this.state.bufferAccessor}getBounds(){if(this.state.bounds)return this.state.bounds;let e=null;if(this.state.constant&&this.value){let t=Array.from(this.value);e=[t,t]}else{let{value:t,numInstances:n,size:r}=this,i=n*r;if(t&&i&&t.length>=i){let n=Array(r).fill(1/0),a=Array(r).fill(-1/0);for(let e=0;e<i;)for(let i=0;i<r;i++){let r=t[e++];r<n[i]&&(n[i]=r),r>a[i]&&(a[i]=r)}e=[n,a]}}return this.state.bounds=e,e}setData(e){let{state:t}=this,n;n=ArrayBuffer.isView(e)?{value:e}:e instanceof O?{buffer:e}:e;let r={...this.settings,...n};if(ArrayBuffer.isView(n.value)){if(!n.type){if(this.doublePrecision&&n.value instanceof Float64Array)r.type=`float32`;else{let e=_v(n.value);r.type=r.normalized?e.replace(`int`,`norm`):e}}r.bytesPerElement=n.value.BYTES_PER_ELEMENT,r.stride=yv(r)}if(t.bounds=null,n.constant){let e=n.value;if(e=this._normalizeValue(e,[],0),this.settings.normalized&&(e=this.normalizeConstant(e)),t.constant&&this._areValuesEqual(e,this.value))return!1;t.externalBuffer=null,t.constant=!0,this.value=ArrayBuffer.isView(e)?e:new Float32Array(e)}else if(n.buffer)t.externalBuffer=n.buffer,t.constant=!1,this.value=n.value||null;else if(n.value){this._checkExternalBuffer(n);let e=n.value,i=e;t.externalBuffer=null,t.constant=!1,this.value=e,this._shouldSplitDoublePrecisionValue(i)&&(i=zd(i,r),e instanceof Float32Array&&(r.stride=r.size*2*Float32Array.BYTES_PER_ELEMENT));let{buffer:a}=this,o=yv(r),s=(r.vertexOffset||0)*o;if(this.settings.isIndexed){let e=this.settings.defaultType;i.constructor!==e&&(i=new e(i))}let c=i.byteLength+s+o*2;(!a||a.byteLength<c)&&(a=this._createBuffer(c)),a.write(i,s)}return this.setAccessor(r),!0}updateSubBuffer(e={}){this.state.bounds=null;let t=this.value,{startOffset:n=0,endOffset:r}=e,i=this._shouldSplitDoublePrecisionValue(t);this.buffer.write(i?zd(t,{size:this.size,startIndex:n,endIndex:r}):t.subarray(n,r),n*(i?8:t.BYTES_PER_ELEMENT)+this.byteOffset)}allocate(e,t=!1){let{state:n}=this,r=n.allocatedValue,i=kd.allocate(r,e+1,{size:this.size,type:this.settings.defaultType,copy:t});this.value=i;let a=this._shouldSplitDoublePrecisionValue(i),o=a&&i instanceof Float32Array?{...this.settings,stride:this.size*2*Float32Array.BYTES_PER_ELEMENT}:this.settings;this.setAccessor(o);let{byteOffset:s}=this,{buffer:c}=this,l=i.byteLength*(a&&i instanceof Float32Array?2:1);return(!c||c.byteLength<l+s)&&(c=this._createBuffer(l+s),t&&r&&c.write(this._shouldSplitDoublePrecisionValue(r)?zd(r,this):r,s)),n.allocatedValue=i,n.constant=!1,n.externalBuffer=null,!0}_shouldSplitDoublePrecisionValue(e){return!!(this.doublePrecision&&(e instanceof Float64Array||this.device.type===`webgpu`&&e instanceof Float32Array))}_checkExternalBuffer(e){let{value:t}=e;if(!ArrayBuffer.isView(t))throw Error(`Attribute ${this.id} value is not TypedArray`);let n=this.settings.defaultType,r=!1;if(this.doublePrecision&&(r=t.BYTES_PER_ELEMENT<4),r)throw Error(`Attribute ${this.id} does not support ${t.constructor.name}`);!(t instanceof n)&&this.settings.normalized&&!(`normalized`in e)&&I.warn(`Attribute ${this.id} is normalized`)()}normalizeConstant(e){switch(this.settings.type){case`snorm8`:return new Float32Array(e).map(e=>(e+128)/255*2-1);case`snorm16`:return new Float32Array(e).map(e=>(e+32768)/65535*2-1);case`unorm8`:return new Float32Array(e).map(e=>e/255);case`unorm16`:return new Float32Array(e).map(e=>e/65535);default:return e}}_normalizeValue(e,t,n){let{defaultValue:r,size:i}=this.settings;if(Number.isFinite(e))return t[n]=e,t;if(!e){let e=i;for(;--e>=0;)t[n+e]=r[e];return t}switch(i){case 4:t[n+3]=Number.isFinite(e[3])?e[3]:r[3];case 3:t[n+2]=Number.isFinite(e[2])?e[2]:r[2];case 2:t[n+1]=Number.isFinite(e[1])?e[1]:r[1];case 1:t[n+0]=Number.isFinite(e[0])?e[0]:r[0];break;default:let a=i;for(;--a>=0;)t[n+a]=Number.isFinite(e[a])?e[a]:r[a]}return t}_areValuesEqual(e,t){if(!e||!t)return!1;let{size:n}=this;for(let r=0;r<n;r++)if(e[r]!==t[r])return!1;return!0}_createBuffer(e){this._buffer&&this._buffer.destroy();let{isIndexed:t,type:n}=this.settings,r=this.device.type===`webgpu`&&!t?O.VERTEX|O.STORAGE|O.COPY_DST|O.COPY_SRC:(t?O.INDEX:O.VERTEX)|O.COPY_DST;return this._buffer=this.device.createBuffer({...this._buffer?.props,id:this.id,usage:r,indexType:t?n:void 0,byteLength:e}),this._buffer}},wv=[],Tv=[];function Ev(e,t=0,n=1/0){let r=wv,i={index:-1,data:e,target:[]};return e?typeof e[Symbol.iterator]==`function`?r=e:e.length>0&&(Tv.length=e.length,r=Tv):r=wv,(t>0||Number.isFinite(n))&&(r=(Array.isArray(r)?r:Array.from(r)).slice(t,n),i.index=t-1),{iterable:r,objectInfo:i}}function Dv(e){return e&&e[Symbol.asyncIterator]}function Ov(e,t){let{size:n,stride:r,offset:i,startIndices:a,nested:o}=t,s=e.BYTES_PER_ELEMENT,c=r?r/s:n,l=i?i/s:0,u=Math.floor((e.length-l)/c);return(t,{index:r,target:i})=>{if(!a){let t=r*c+l;for(let r=0;r<n;r++)i[r]=e[t+r];return i}let s=a[r],d=a[r+1]||u,f;if(o){f=Array(d-s);for(let t=s;t<d;t++){let r=t*c+l;i=Array(n);for(let t=0;t<n;t++)i[t]=e[r+t];f[t-s]=i}}else if(c===n)f=e.subarray(s*n+l,d*n+l);else{f=new e.constructor((d-s)*n);let t=0;for(let r=s;r<d;r++){let i=r*c+l;for(let r=0;r<n;r++)f[t++]=e[i+r]}}return f}}var kv=[],Av=[[0,1/0]];function jv(e,t){if(e===Av||(t[0]<0&&(t[0]=0),t[0]>=t[1]))return e;let n=[],r=e.length,i=0;for(let a=0;a<r;a++){let r=e[a];r[1]<t[0]?(n.push(r),i=a+1):r[0]>t[1]?n.push(r):t=[Math.min(r[0],t[0]),Math.max(r[1],t[1])]}return n.splice(i,0,t),n}var Mv={interpolation:{duration:0,easing:e=>e},spring:{stiffness:.05,damping:.5}};function Nv(e,t){if(!e)return null;Number.isFinite(e)&&(e={type:`interpolation`,duration:e});let n=e.type||`interpolation`;return{...Mv[n],...t,...e,type:n}}var Pv=class extends Cv{constructor(e,t){super(e,t,{startIndices:null,constantValue:null,lastExternalBuffer:null,binaryValue:null,binaryAccessor:null,needsUpdate:!0,needsRedraw:!1,layoutChanged:!1,updateRanges:Av}),this.constant=!1,this.settings.update=t.update||(t.accessor?this._autoUpdater:void 0),Object.seal(this.settings),Object.seal(this.state),this._validateAttributeUpdaters()}get startIndices(){return this.state.startIndices}set startIndices(e){this.state.startIndices=e}needsUpdate(){return this.state.needsUpdate}needsRedraw({clearChangedFlags:e=!1}={}){let t=this.state.needsRedraw;return this.state.needsRedraw=t&&!e,t}layoutChanged(){return this.state.layoutChanged}setAccessor(e){var t;(t=this.state).layoutChanged||(t.layoutChanged=!bv(e,this.getAccessor())),super.setAccessor(e)}getUpdateTriggers(){let{accessor:e}=this.settings;return[this.id].concat(typeof e!=`function`&&e||[])}supportsTransition(){return!!this.settings.transition}getTransitionSetting(e){if(!e||!this.supportsTransition())return null;let{accessor:t}=this.settings,n=this.settings.transition;return Nv(Array.isArray(t)?e[t.find(t=>e[t])]:e[t],n)}setNeedsUpdate(e=this.id,t){if(this.state.needsUpdate=this.state.needsUpdate||e,this.setNeedsRedraw(e),t){let{startRow:e=0,endRow:n=1/0}=t;this.state.updateRanges=jv(this.state.updateRanges,[e,n])}else this.state.updateRanges=Av}clearNeedsUpdate(){this.state.needsUpdate=!1,this.state.updateRanges=kv}setNeedsRedraw(e=this.id){this.state.needsRedraw=this.state.needsRedraw||e}allocate(e){let{state:t,settings:n}=this;if(n.noAlloc)return!1;if(n.update){let n=this.isConstant;return super.allocate(e,t.updateRanges!==Av),t.layoutChanged||=n&&this.device.type===`webgpu`,!0}return!1}updateBuffer({numInstances:e,data:t,props:n,context:r}){if(!this.needsUpdate())return!1;let{state:{updateRanges:i},settings:{update:a,noAlloc:o}}=this,s=!0;if(a){for(let[o,s]of i)a.call(r,this,{data:t,startRow:o,endRow:s,props:n,numInstances:e});if(this.value){if(this.constant||!this.buffer||this.buffer.byteLength<this.value.byteLength+this.byteOffset){if(this.constant){let e=this.value;this.value=null,this.setConstantValue(r,e)}else this.setData({value:this.value,constant:this.constant});this.constant=!1}else for(let[t,n]of i){let r=Number.isFinite(t)?this.getVertexOffset(t):0,i=Number.isFinite(n)?this.getVertexOffset(n):o||!Number.isFinite(e)?this.value.length:e*this.size;super.updateSubBuffer({startOffset:r,endOffset:i})}}this._checkAttributeArray()}else s=!1;return this.clearNeedsUpdate(),this.setNeedsRedraw(),s}setConstantValue(e,t){var n;if(t===void 0||typeof t==`function`)return!1;let r=this.isConstant,i=this.settings.transform&&e?this.settings.transform.call(e,t):t,a=this.settings.defaultType;this.state.constantValue=this._normalizeValue(i,new a(this.size),0);let o=this.setData({constant:!0,value:i});if(this.device.type===`webgpu`){let e=this.state.constantValue;this.doublePrecision&&(e instanceof Float32Array||e instanceof Float64Array)&&(e=zd(e,{size:this.size}),this.setAccessor({...this.getAccessor(),stride:this.size*2*Float32Array.BYTES_PER_ELEMENT}));let t=this._buffer;(!t||t.byteLength<e.byteLength)&&(t=this._createBuffer(e.byteLength)),t.write(e),(n=this.state).layoutChanged||(n.layoutChanged=!r),this.constant=!1}return o&&this.setNeedsRedraw(),this.clearNeedsUpdate(),!0}getConstantValue(){return this.isConstant?this.state.constantValue:null}setExternalBuffer(e){let{state:t}=this;return e?(this.clearNeedsUpdate(),t.lastExternalBuffer===e||(t.lastExternalBuffer=e,this.setNeedsRedraw(),this.setData(e)),!0):(t.lastExternalBuffer=null,!1)}setBinaryValue(e,t=null){let{state:n,settings:r}=this;if(!e)return n.binaryValue=null,n.binaryAccessor=null,!1;if(r.noAlloc)return!1;if(n.binaryValue===e)return this.clearNeedsUpdate(),!0;if(n.binaryValue=e,this.setNeedsRedraw(),r.transform||t!==this.startIndices){ArrayBuffer.isView(e)&&(e={value:e});let i=e;K(ArrayBuffer.isView(i.value),`invalid ${r.accessor}`);let a=!!i.size&&i.size!==this.size;return n.binaryAccessor=Ov(i.value,{size:i.size||this.size,stride:i.stride,offset:i.offset,startIndices:t,nested:a}),!1}return this.clearNeedsUpdate(),this.setData(e),!0}getVertexOffset(e){let{startIndices:t}=this;return(t?e<t.length?t[e]:this.numInstances:e)*this.size}getValue(){let e=this.settings.shaderAttributes,t=super.getValue();if(!e)return t;for(let n in e)Object.assign(t,super.getValue(n,e[n]));return t}getBufferLayout(e){this.state.layoutChanged=!1;let t=this.settings.shaderAttributes,n=super._getBufferLayout(),{stepMode:r}=this.settings;if(n.stepMode=r===`dynamic`?e?e.isInstanced?`instance`:`vertex`:`instance`:r??`vertex`,!t)return n;for(let e in t){let r=super._getBufferLayout(e,t[e]);n.attributes.push(...r.attributes)}return n}_autoUpdater(e,{data:t,startRow:n,endRow:r,props:i,numInstances:a}){let{settings:o,state:s,value:c,size:l,startIndices:u}=e,{accessor:d,transform:f}=o,p=s.binaryAccessor||(typeof d==`function`?d:i[d]);K(typeof p==`function`,`accessor "${d}" is not a function`);let m=e.getVertexOffset(n),{iterable:h,objectInfo:g}=Ev(t,n,r);for(let t of h){g.index++;let n=p(t,g);if(f&&(n=f.call(this,n)),u){let t=(g.index<u.length-1?u[g.index+1]:a)-u[g.index];if(n&&Array.isArray(n[0])){let t=m;for(let r of n)e._normalizeValue(r,c,t),t+=l}else n&&n.length>l?c.set(n,m):(e._normalizeValue(n,g.target,0),hp({target:c,source:g.target,start:m,count:t}));m+=t*l}else e._normalizeValue(n,c,m),m+=l}}_validateAttributeUpdaters(){let{settings:e}=this;if(!(e.noAlloc||typeof e.update==`function`))throw Error(`Attribute ${this.id} missing update or accessor`)}_checkAttributeArray(){let{value:e}=this,t=Math.min(4,this.size);if(e&&e.length>=t){let n=!0;switch(t){case 4:n&&=Number.isFinite(e[3]);case 3:n&&=Number.isFinite(e[2]);case 2:n&&=Number.isFinite(e[1]);case 1:n&&=Number.isFinite(e[0]);break;default:n=!1}if(!n)throw Error(`Illegal attribute generated for ${this.id}`)}}},Fv=class e{gpuDataEvaluators;format;length;id;_gpuVector;_ownsGPUDataEvaluators;_destroyed=!1;static fromGPUVector(t){if(t.bufferLayout)throw Error(`GPUVectorEvaluator.fromGPUVector() does not accept interleaved vector "${t.name}"`);if(t.data.length===0)throw Error(`GPUVectorEvaluator.fromGPUVector() requires GPUData for "${t.name}"`);return new e({id:t.name,gpuDataEvaluators:t.data.map(e=>y.fromGPUData(e,{id:t.name})),gpuVector:t,format:t.format})}static fromGPUDataEvaluators(t,n={}){return new e({id:n.id,gpuDataEvaluators:t,format:n.format})}constructor({id:e,gpuDataEvaluators:t,gpuVector:n,format:r}){if(t.length===0)throw Error(`GPUVectorEvaluator requires at least one GPUData evaluator`);Iv(t),this.id=e,this.gpuDataEvaluators=t,this.format=r??t[0].format,this.length=t.reduce((e,t)=>e+t.length,0),this._gpuVector=n,this._ownsGPUDataEvaluators=!n}get evaluated(){return!!this._gpuVector}get gpuVector(){if(!this._gpuVector)throw Error(`${this} not evaluated`);return this._gpuVector}mapGPUData(t){return e.fromGPUDataEvaluators(this.gpuDataEvaluators.map((e,n)=>t(e,n)),{id:this.id})}async evaluate(e,t={}){if(this._destroyed)throw Error(`GPUVectorEvaluator ${this} already destroyed`);if(this._gpuVector)return this._gpuVector;let n=await Promise.all(this.gpuDataEvaluators.map(n=>n.evaluate(e,t))),r=n[0],i=n.map(Lv),a=t.format??this.format??r.format;return this._gpuVector=new _({type:`data`,name:t.name??this.id??`vector`,format:a,data:i,stride:r.stride,byteStride:r.byteStride,rowByteLength:r.rowByteLength,bufferLayout:r.bufferLayout}),this._gpuVector}evaluateSync(e,t={}){if(this._destroyed)throw Error(`GPUVectorEvaluator ${this} already destroyed`);if(this._gpuVector)return this._gpuVector;let n=this.gpuDataEvaluators.map(n=>n.evaluateSync(e,t)),r=n[0],i=n.map(Lv),a=t.format??this.format??r.format;return this._gpuVector=new _({type:`data`,name:t.name??this.id??`vector`,format:a,data:i,stride:r.stride,byteStride:r.byteStride,rowByteLength:r.rowByteLength,bufferLayout:r.bufferLayout}),this._gpuVector}destroy(){if(this._ownsGPUDataEvaluators)for(let e of this.gpuDataEvaluators)e.destroy();this._gpuVector=void 0,this._destroyed=!0}toString(){return this.id??this.constructor.name}};function Iv(e){let t=e[0];for(let n of e.slice(1))if(n.type!==t.type||n.size!==t.size||n.normalized!==t.normalized||n.format!==t.format)throw Error(`GPUVectorEvaluator requires matching GPUData evaluator layouts`)}function Lv(e){let[t,...n]=e.data;if(!t||n.length>0)throw Error(`GPUVectorEvaluator requires one GPUData chunk for "${e.name}"`);return t}function Rv({elementWise:e,func:t,inputs:n,output:r,outputBuffer:i}){let a=Array.isArray(n)?n:Object.values(n);for(let e of a)if(!e.value)throw Error(`${e} does not have CPU value`);let o=r.length,s=r.size,c=new r.ValueType(o*s);for(let n=0;n<o;n++){let r=a.map(e=>Y(e,n));if(e)for(let e=0;e<s;e++)c[n*s+e]=t.apply(null,r.map(t=>t[e]));else t.call(null,c.subarray(n*s,n*s+s),...r)}let l=r.ValueType.BYTES_PER_ELEMENT,u=r.offset/l,d=r.stride/l,f=s,p=c;if(u!==0||d!==f){p=new r.ValueType(u+r.byteLength/l);for(let e=0;e<o;e++){let t=e*f,n=u+e*d,r=c.subarray(t,t+s);p.set(r,n),i.write(r,n*l)}}else i.write(c);return{success:!0,value:p}}function Y(e,t){let n=e.value,r=e.size,i=e.offset/e.ValueType.BYTES_PER_ELEMENT,a=e.stride/e.ValueType.BYTES_PER_ELEMENT,o=i+(e.isConstant?0:t)*a,s=n.slice(o,o+r);if(!e.normalized)return s;let c=new Float32Array(r);for(let t=0;t<r;t++)c[t]=zv(s[t],e.type);return c}function zv(e,t){switch(t){case`uint8`:return e/255;case`uint16`:return e/65535;case`uint32`:return e/4294967295;case`sint8`:return Math.max(e/127,-1);case`sint16`:return Math.max(e/32767,-1);case`sint32`:return Math.max(e/2147483647,-1);case`float32`:return e;default:throw Error(`Unsupported normalized source type ${t}`)}}var Bv=({inputs:e,output:t,target:n})=>{for(let t of Object.values(e.namedInputs))if(!t.value)throw Error(`${t} does not have CPU value`);let r=new t.ValueType(t.length*t.size);for(let n=0;n<t.length;n++){let i=Object.fromEntries(Object.entries(e.namedInputs).map(([e,t])=>[e,Y(t,n)]));for(let a=0;a<t.size;a++)r[n*t.size+a]=Vv(e.expression,i,a)}return n.write(r),{success:!0,value:r}};function Vv(e,t,n){switch(e.kind){case`input`:{let r=t[e.name];return n<r.length?r[n]:r.length===1?r[0]:0}case`literal`:return Array.isArray(e.value)?e.value[n]??0:e.value;case`call`:{Hv(e.op,e.args.length);let r=e.args.map(e=>Vv(e,t,n));switch(e.op){case`add`:return r[0]+r[1];case`subtract`:return r[0]-r[1];case`multiply`:return r[0]*r[1];case`divide`:return r[0]/r[1];case`pow`:return r[0]**+r[1];case`sqrt`:return Math.sqrt(r[0]);case`abs`:return Math.abs(r[0]);case`sin`:return Math.sin(r[0]);case`cos`:return Math.cos(r[0]);case`tan`:return Math.tan(r[0]);case`exp`:return Math.exp(r[0]);case`log`:return Math.log(r[0]);default:{let t=e.op;throw Error(`Unsupported arithmetic op ${t}`)}}}default:throw Error(`Unsupported expression node ${e.kind}`)}}function Hv(e,t){let n=g[e].arity;if(t!==n)throw Error(`Arithmetic op '${e}' expects ${n} args, got ${t}`)}var Uv=({inputs:e,output:t,target:n})=>{let{sourceValues:r}=e;if(!r.value)throw Error(`${r} does not have CPU value`);let i=new t.ValueType(t.length*t.size);if(r.length===0)return{success:!1,error:Error(`${r} is empty`)};for(let e=0;e<r.size;e++){let n=Y(r,0)[e],a=e*t.size,o=a+1;i[a]=n,i[o]=n;for(let t=1;t<r.length;t++){let n=Y(r,t)[e];n<i[a]&&(i[a]=n),n>i[o]&&(i[o]=n)}}return n.write(i),{success:!0,value:i}},Wv=({inputs:e,output:t,target:n})=>Rv({func:(e,t)=>{let n=e.length/2,r=new Float64Array(t.buffer);for(let t=0;t<n;t++){let i=r[t];e[t]=Math.fround(i),e[t+n]=i-e[t]}return e},inputs:e,output:t,outputBuffer:n}),Gv=async({inputs:e,output:t,target:n})=>{let{ids:r,sourceValues:i}=e,a=r.value,o=i.value;if(!a)throw Error(`${r} does not have CPU value`);if(!o)throw Error(`${i} does not have CPU value`);let s=new t.ValueType(t.length*t.size),c=Array(t.size).fill(0);for(let e=0;e<t.length;e++){let n=Y(r,e),a=Number(n[0]),o=Kv(a,i.length)?Y(i,a):c;s.set(o,e*t.size)}return n.write(s),{success:!0,value:s}};function Kv(e,t){return Number.isInteger(e)&&e>=0&&e<t}var qv=({inputs:e,output:t,target:n})=>Rv({func:(e,...t)=>{let n=0;for(let r of t)e.set(r,n),n+=r.length},inputs:e,output:t,outputBuffer:n}),Jv=({inputs:e,output:t,target:n})=>{let{x:r,y:i}=e,a=new t.ValueType(t.length);for(let e=0;e<t.length;e++){let t=Y(r,e),n=Y(i,e),o=0;for(let e=0;e<r.size;e++)o+=t[e]*n[e];a[e]=o}return n.write(a),{success:!0,value:a}},Yv=({inputs:e,output:t,target:n})=>{let{x:r,y:i}=e,a=new t.ValueType(t.length);for(let e=0;e<t.length;e++){let t=Y(r,e),n=Y(i,e),o=1;for(let e=0;e<r.size;e++)if(t[e]!==n[e]){o=0;break}a[e]=o}return n.write(a),{success:!0,value:a}},Xv=({inputs:e,output:t,target:n})=>{let{x:r}=e,i=new t.ValueType(t.length);for(let e=0;e<t.length;e++){let t=Y(r,e),n=0;for(let e=0;e<r.size;e++)n+=t[e]*t[e];i[e]=Math.sqrt(n)}return n.write(i),{success:!0,value:i}},Zv=async({inputs:e,output:t,target:n})=>{let{segments:r,vertexCount:i}=e,a=r.value;if(!a)throw Error(`${r} does not have CPU value`);Qv(a,r,i);let o=new t.ValueType(t.length*t.size),s=0;for(let e=0;e<i;e++){for(;s+1<r.length&&a[$v(r,s+1)]<=e;)s++;let n=a[$v(r,s)],i=e*t.size;o[i]=s,o[i+1]=e-n}return n.write(o),{success:!0,value:o}};function Qv(e,t,n){if(t.length<1)throw Error(`segmentedMap segments must contain at least one segment start`);let r=0;for(let n=0;n<t.length;n++){let i=e[$v(t,n)];if(n===0&&i!==0)throw Error(`segmentedMap segments must start at 0, got ${i}`);if(n>0&&i<r)throw Error(`segmentedMap segments must be non-decreasing, got ${i} after ${r}`);r=i}if(r>n)throw Error(`segmentedMap last segment start must be <= vertexCount, got ${r} > ${n}`)}function $v(e,t){return e.offset/e.ValueType.BYTES_PER_ELEMENT+t*(e.stride/e.ValueType.BYTES_PER_ELEMENT)}var ey=async({inputs:e,output:t,target:n})=>{let{condition:r,whenTrue:i,whenFalse:a}=e,o=new t.ValueType(t.length*t.size);for(let e=0;e<t.length;e++){let n=Y(r,e),s=Y(i,e),c=Y(a,e);for(let l=0;l<t.size;l++){let u=ty(n,r.size,l);o[e*t.size+l]=u===0?ty(c,a.size,l):ty(s,i.size,l)}}return n.write(o),{success:!0,value:o}};function ty(e,t,n){return n<t?e[n]:t===1?e[0]:0}var ny=({inputs:e,output:t,target:n})=>{let r=new t.ValueType(t.length);for(let n=0;n<t.length;n++)r[n]=e.start+n*e.step;return n.write(r),{success:!0,value:r}},ry=({inputs:e,output:t,target:n})=>{let{columns:r}=e;return Rv({func:(e,t)=>{for(let n=0;n<r.length;n++)e[n]=t[r[n]]},inputs:{x:e.x},output:t,outputBuffer:n})},iy=Te({arithmetic:()=>Bv,dot:()=>Jv,equalAll:()=>Yv,extent:()=>Uv,fround:()=>Wv,gather:()=>Gv,interleave:()=>qv,length:()=>Xv,segmentedMap:()=>Zv,select:()=>ey,sequence:()=>ny,swizzle:()=>ry}),ay=new class{_modules={cpu:iy};add(e,t){let n=this._modules[e];if(typeof t.then==`function`){let r=Promise.all([Promise.resolve(n||{}),t]).then(([e,t])=>({...e,...t}));return this._modules[e]=r,r.then(t=>{this._modules[e]=t}).catch(t=>{k.error(`Failed to register ${e} backend: ${t}`)()}),r}if(n&&typeof n.then==`function`){let r=Promise.resolve(n).then(e=>({...e,...t})).then(t=>(this._modules[e]=t,t)).catch(t=>{throw k.error(`Failed to register ${e} backend: ${t}`)(),t});return this._modules[e]=r,r}let r={...n||{},...t};return this._modules[e]=r,Promise.resolve(r)}async get(e,t){let n=this._modules[e];if(!n){if(e===`webgl`)n=this.add(`webgl`,rh(()=>import(`./webgl-BXpvK8i8.js`),__vite__mapDeps([0,1,2,3]),import.meta.url));else if(e===`webgpu`)n=this.add(`webgpu`,rh(()=>Promise.resolve().then(()=>bb),void 0,import.meta.url));else throw Error(`${e} backend not registered`)}let r=(await n)[t];if(typeof r!=`function`)throw Error(`${e} backend does not implement ${t}`);return r}getSync(e,t){let n=this._modules[e];if(!n)throw Error(`${e} backend not registered`);if(typeof n.then==`function`)throw Error(`${e} backend is not loaded yet`);let r=n[t];if(typeof r!=`function`)throw Error(`${e} backend does not implement ${t}`);return r}clear(){this._modules={}}},oy=class{inputs;dependencies;constructor(e){this.inputs=e,this.dependencies=Array.from(e instanceof Array?e:Object.values(e)).filter(e=>e instanceof y)}async execute(e,t){return await this._resolveDependencies(e),await this._executeWithHandler(await ay.get(this._getHandlerRegistry(e),this.name),t)}executeSync(e,t){this._resolveDependenciesSync(e);let n=this._executeWithHandler(ay.getSync(this._getHandlerRegistry(e),this.name),t);if(sy(n))throw Error(`${this.name} returned a Promise in executeSync()`);return n}shouldExecuteOnCPU(){return this.output.length<=1&&Array.from(this.dependencies).every(e=>!!e.value)}_getHandlerRegistry(e){return this.shouldExecuteOnCPU()?`cpu`:e.type}async _resolveDependencies(e){for(let t of this.dependencies)await t.evaluate(e);if(this._getHandlerRegistry(e)===`cpu`||e.type===`null`)for(let e of this.dependencies)await e.ensureCPUValue()}_resolveDependenciesSync(e){for(let t of this.dependencies)t.evaluateSync(e);if(this._getHandlerRegistry(e)===`cpu`||e.type===`null`)for(let e of this.dependencies)e.ensureCPUValueSync()}_executeWithHandler(e,t){return e({device:t.device,inputs:this.inputs,output:this.output,target:t})}};function sy(e){return typeof e?.then==`function`}function cy(...e){let t=ly(e.map(e=>e.type));return t[0]!==`f`&&e.some(e=>e.normalized)&&(t=`float32`),{isConstant:e.every(e=>e.isConstant),type:t,size:e.reduce((e,t)=>Math.max(e,t.size),0),length:e.reduce((e,t)=>Math.max(e,t.length),0)}}function ly(e){let t=0,n=0;for(let r of e){if(r[0]===`f`)return`float32`;let e=r.endsWith(`8`)?8:r.endsWith(`6`)?16:32;r[0]===`u`?t=Math.max(t,e):n=Math.max(n,e)}return t&&!n?`uint${t}`:n&&t<32?`sint${Math.max(n,t*2)}`:`float32`}var uy=class extends oy{name=`interleave`;output;constructor(e){super(e);let{isConstant:t,type:n,length:r}=cy(...e);this.output=new y({isConstant:t,type:n,size:e.reduce((e,t)=>e+t.size,0),length:r,source:this})}toString(){return`_${this.inputs.join(`_`)}_`}};function dy(...e){if(e.length===0)throw Error(`interleave() requires at least one input`);return e.length===1?p(e[0]):new uy(e.map(p)).output}function fy(e,t){let n=my(t);for(let t of n)t.evaluateSync(e);return py(n),t}function py(e){let t=new Set(e.flatMap(vy)),n=new Set;for(let t of e)_y(t,n);for(let e of n)e.evaluated&&!t.has(e.buffer)&&e.destroy()}function my(e){let t=new Set;return hy(e,t,new Set),Array.from(t)}function hy(e,t,n){if(yy(e))t.add(e);else if(e&&typeof e==`object`&&!n.has(e)){if(n.add(e),Array.isArray(e))for(let r of e)hy(r,t,n);else if(gy(e))for(let r of Object.values(e))hy(r,t,n)}}function gy(e){let t=Object.getPrototypeOf(e);return t===Object.prototype||t===null}function _y(e,t){if(e instanceof Fv){for(let n of e.gpuDataEvaluators)_y(n,t);return}let n=e.source;if(n){if(n instanceof y)t.has(n)||(t.add(n),_y(n,t));else for(let e of n.dependencies)t.has(e)||(t.add(e),_y(e,t))}}function vy(e){return e instanceof y?[e.buffer]:e.gpuVector.data.map(e=>e.buffer instanceof b?e.buffer.buffer:e.buffer)}function yy(e){return e instanceof y||e instanceof Fv}var by=65535;function xy(e,t){let n=wy(t),r=Math.max(1,Math.ceil(e)),i=Math.min(r,n),a=Math.min(Math.ceil(r/i),n),o=Math.ceil(r/i/a);if(o>n)throw Error(`WebGPU dispatch requires ${r} workgroups, exceeding the 3D dispatch limit of ${n} per dimension`);return{x:i,y:a,z:o}}function Sy(e,t=`workgroupId`){return`((${t}.z * ${e.y}u + ${t}.y) * ${e.x}u + ${t}.x)`}function Cy(e,t,n=`workgroupId`,r=`localId`){return`(${Sy(e,n)} * ${t}u + ${r}.x)`}function wy(e){return Number.isFinite(e)&&e>0?Math.floor(e):by}function Ty(e,t){switch(e){case`u32`:return`${t}u`;case`f32`:return Number.isInteger(t)?`${t}.0`:`${t}`;default:return`${t}`}}function Ey(e,t){switch(e){case`uint32`:return Ty(`u32`,Math.trunc(t));case`sint32`:return`${Math.trunc(t)}`;case`float32`:return Ty(`f32`,t);default:throw Error(`WebGPU operations only support 32-bit output types, got ${e}`)}}function Dy(e){switch(e){case`uint32`:return`0u`;case`sint32`:return`0`;case`float32`:return`0.0`;default:throw Error(`WebGPU operations only support 32-bit output types, got ${e}`)}}function X(e){switch(e){case`uint32`:return`u32`;case`sint32`:return`i32`;case`float32`:return`f32`;default:throw Error(`WebGPU operations only support 32-bit storage types, got ${e}`)}}var Oy=64,ky=`GPGPU Operation Counts`,Ay=`Computation Runs`,jy=new s;function My({module:e,elementWise:t=!1,expression:n,inputs:r,output:i,operationType:a=i.type,outputBuffer:o}){if(!e.source)throw Error(`WebGPU computation ${e.name} requires WGSL source`);let s=Ry(r),c=s.map(([e,t])=>({name:e,input:t})),l=c.filter(({input:e})=>!e.isConstant).map((e,t)=>({...e,index:t})),u=X(a),d=X(i.type),f={TYPE:u,RESULT_LEN:i.size.toString()},p=xy(Math.ceil(i.length/Oy),o.device.limits.maxComputeWorkgroupsPerDimension);for(let[e,t]of s)f[`${e.toUpperCase()}_LEN`]=t.size.toString();let m=`
${By(e.source,f)}
${l.map(({name:e,input:t,index:n})=>Ny(e,t,n)).join(`
`)}
${c.map(({name:e,input:t})=>Py(e,t,a)).join(`
`)}
${Fy(i,l.length)}
${Iy(i)}

@compute @workgroup_size(${Oy}) fn main(
  @builtin(workgroup_id) workgroupId: vec3<u32>,
  @builtin(local_invocation_id) localId: vec3<u32>
) {
  let rowIndex = ${Cy(p,Oy)};
  if (rowIndex >= ${i.length}u) {
    return;
  }

${c.map(({name:e})=>`  let ${e} = read_${e}(rowIndex);`).join(`
`)}
  var result: array<${d}, ${i.size}>;
${Ly(e.name,s,i,t,n)}
  write_result(rowIndex, result);
}
`,h=new ep(o.device,{source:m,modules:e.dependencies,shaderAssembler:jy,shaderLayout:{bindings:[...l.map(({name:e},t)=>({name:e,type:`storage`,group:0,location:t})),{name:`result`,type:`storage`,group:0,location:l.length}]}}),g=Object.fromEntries(l.map(({name:e,input:t})=>[e,t.buffer]));g.result=o,h.setBindings(g);let _=o.device.beginComputePass({});o.device.statsManager.getStats(ky).get(Ay).incrementCount(),h.dispatch(_,p.x,p.y,p.z),_.end(),o.device.submit(),h.destroy()}function Ny(e,t,n){return t.isConstant?``:`@group(0) @binding(${n}) var<storage, read> ${e}: array<${X(t.type)}>;`}function Py(e,t,n){let r=X(n),i=t.type===n?``:r,a=t.stride/t.ValueType.BYTES_PER_ELEMENT,o=t.offset/t.ValueType.BYTES_PER_ELEMENT;return t.isConstant?`fn read_${e}(_rowIndex: u32) -> array<${r}, ${t.size}> {
  return array<${r}, ${t.size}>(${zy(t,i)});
}`:`fn read_${e}(rowIndex: u32) -> array<${r}, ${t.size}> {
  var value: array<${r}, ${t.size}>;
  let rowOffset = ${o}u + rowIndex * ${a}u;
${Array.from({length:t.size},(t,n)=>i?`  value[${n}] = ${i}(${e}[rowOffset + ${n}u]);`:`  value[${n}] = ${e}[rowOffset + ${n}u];`).join(`
`)}
  return value;
}`}function Fy(e,t){return`@group(0) @binding(${t}) var<storage, read_write> result: array<${X(e.type)}>;`}function Iy(e){let t=e.stride/e.ValueType.BYTES_PER_ELEMENT,n=e.offset/e.ValueType.BYTES_PER_ELEMENT;return`fn write_result(rowIndex: u32, value: array<${X(e.type)}, ${e.size}>) {
  let rowOffset = ${n}u + rowIndex * ${t}u;
${Array.from({length:e.size},(e,t)=>`  result[rowOffset + ${t}u] = value[${t}];`).join(`
`)}
}`}function Ly(e,t,n,r,i){let a=``;if(i)for(let e=0;e<n.size;e++)a+=`  result[${e}] = ${i(e)};\n`;else if(r){let r=Dy(n.type),i=X(n.type);for(let o=0;o<n.size;o++){let n=t.map(([e,t])=>o<t.size?X(t.type)===i?`${e}[${o}]`:`${i}(${e}[${o}])`:r);a+=`  result[${o}] = ${e}(${n.join(`, `)});\n`}}else a+=`result = ${e}(${t.map(([e])=>e).join(`, `)});`;return a.trimEnd()}function Ry(e){return Array.isArray(e)?e.map((e,t)=>[`x${t}`,e]):Object.entries(e)}function zy(e,t){let n=e.value;if(!n)throw Error(`Constant input ${e} is missing CPU values`);return Array.from({length:e.size},(e,r)=>Ty(t,n[r]??0)).join(`, `)}function By(e,t){for(let n in t)e=e.replaceAll(`{${n}}`,t[n]);return e}var Vy=`fn arithmetic_add(x: {TYPE}, y: {TYPE}) -> {TYPE} {
  return x + y;
}

fn arithmetic_subtract(x: {TYPE}, y: {TYPE}) -> {TYPE} {
  return x - y;
}

fn arithmetic_multiply(x: {TYPE}, y: {TYPE}) -> {TYPE} {
  return x * y;
}

fn arithmetic_divide(x: {TYPE}, y: {TYPE}) -> {TYPE} {
  return x / y;
}

fn arithmetic_tan(x: f32) -> f32 {
  return tan_fp32(x);
}
`,Hy=({inputs:e,output:t,target:n})=>{let r=t.type,i=X(r),o=Dy(r),s=e.namedInputs;return My({module:{name:`arithmetic`,source:Vy,dependencies:[a]},inputs:s,output:t,operationType:r,outputBuffer:n,expression:t=>x(e.expression,{operations:g,inputs:s,laneIndex:t,formatInput:e=>`${e}[${t}]`,formatOutOfBoundsInput:e=>s[e].size===1?`${e}[0]`:o,formatLiteral:e=>{let n=Array.isArray(e)?e[t]??0:e;return`${i}(${Ey(r,n)})`},formatCall:(e,t)=>`${e}(${t.join(`, `)})`})}),{success:!0}},Uy=`fn row_dot(x: array<{TYPE}, {X_LEN}>, y: array<{TYPE}, {Y_LEN}>) -> array<f32, 1> {
  var sum = 0.0;
  for (var i = 0u; i < {X_LEN}u; i = i + 1u) {
    sum += f32(x[i]) * f32(y[i]);
  }
  return array<f32, 1>(sum);
}
`,Wy=({inputs:e,output:t,target:n})=>(My({module:{name:`row_dot`,source:Uy},inputs:e,output:t,operationType:`float32`,outputBuffer:n}),{success:!0}),Gy=`fn equalAll(x: array<{TYPE}, {X_LEN}>, y: array<{TYPE}, {Y_LEN}>) -> array<u32, 1> {
  var allEqual = 1u;
  for (var i = 0u; i < {X_LEN}u; i = i + 1u) {
    if (x[i] != y[i]) {
      allEqual = 0u;
      break;
    }
  }
  return array<u32, 1>(allEqual);
}
`,Ky=({inputs:e,output:t,target:n})=>(My({module:{name:`equalAll`,source:Gy},inputs:e,output:t,operationType:e.x.type,outputBuffer:n}),{success:!0});function qy(e,t,n){return`@group(0) @binding(${n}) var<storage, read> ${e}: array<${X(t.type)}>;`}function Jy(e,t,n,r=e){let i=X(n);if(t.isConstant){let e=t.value;if(!e)throw Error(`Constant input ${t} is missing CPU values`);return`fn read_${r}(_sourceIndex: u32) -> array<${i}, ${t.size}> {
  return array<${i}, ${t.size}>(${Array.from({length:t.size},(t,n)=>Ty(i,e[n]??0)).join(`, `)});
}`}let a=t.stride/t.ValueType.BYTES_PER_ELEMENT,o=t.offset/t.ValueType.BYTES_PER_ELEMENT,s=X(t.type)===i?``:`${i}`;return`fn read_${r}(sourceIndex: u32) -> array<${i}, ${t.size}> {
  var value: array<${i}, ${t.size}>;
  let rowOffset = ${o}u + sourceIndex * ${a}u;
${Array.from({length:t.size},(t,n)=>s?`  value[${n}] = ${s}(${e}[rowOffset + ${n}u]);`:`  value[${n}] = ${e}[rowOffset + ${n}u];`).join(`
`)}
  return value;
}`}function Yy(e,t){return Jy(`sourceValues`,e,t,`source_values`)}function Xy(e,t){return`@group(0) @binding(${t}) var<storage, read_write> result: array<${X(e.type)}>;`}function Zy(e){let t=e.stride/e.ValueType.BYTES_PER_ELEMENT,n=e.offset/e.ValueType.BYTES_PER_ELEMENT;return`fn write_result(rowIndex: u32, value: array<${X(e.type)}, ${e.size}>) {
  let rowOffset = ${n}u + rowIndex * ${t}u;
${Array.from({length:e.size},(e,t)=>`  result[rowOffset + ${t}u] = value[${t}];`).join(`
`)}
}`}function Qy(e,t){let n=Dy(e);return`fn zero_result() -> array<${X(e)}, ${t}> {
  var result: array<${X(e)}, ${t}>;
${Array.from({length:t},(e,t)=>`  result[${t}] = ${n};`).join(`
`)}
  return result;
}`}var $y=({inputs:e,output:t,target:n})=>{let{sourceValues:r}=e;if(r.length===0){let e=new t.ValueType(t.length*t.size);return n.write(e),{success:!0,value:e}}if(r.isConstant){let e=r.value;if(!e)throw Error(`Constant input ${r} is missing CPU values`);let i=new t.ValueType(t.length*t.size);for(let n=0;n<t.length;n++){let t=e[n];i[n*2]=t,i[n*2+1]=t}return n.write(i),{success:!0,value:i}}let i=[],a=r,s=`raw`,c=r.length;try{for(;;){let e=Math.ceil(c/64),r=t.length*e,l=e===1?n:o.createOrReuse(n.device,r*t.stride);if(e>1&&i.push(l),eb({input:a,inputMode:s,inputGroupCount:c,channelCount:t.length,outputType:t.type,outputBuffer:l,outputLength:r,outputStride:t.stride,outputOffset:t.offset}),e===1)break;a=new y({buffer:l,type:t.type,size:2,length:r}),s=`partial`,c=e}return{success:!0}}finally{for(let e of i)o.recycle(e)}};function eb({input:e,inputMode:t,inputGroupCount:n,channelCount:r,outputType:i,outputBuffer:a,outputLength:o,outputStride:s,outputOffset:c}){let l=X(i),u=xy(o,a.device.limits.maxComputeWorkgroupsPerDimension),d=new y({buffer:a,type:i,size:2,length:o,stride:s,offset:c}),f=`
${e.isConstant?``:qy(`sourceValues`,e,0)}
${Yy(e,i)}
${Xy(d,+!e.isConstant)}
${Zy(d)}
${tb(t,i,r,n)}

var<workgroup> sharedMin: array<${l}, 64>;
var<workgroup> sharedMax: array<${l}, 64>;

@compute @workgroup_size(64) fn main(
  @builtin(workgroup_id) workgroupId: vec3<u32>,
  @builtin(local_invocation_id) localId: vec3<u32>
) {
  let outputRowIndex = ${Sy(u)};
  if (outputRowIndex >= ${o}u) {
    return;
  }

  let channelIndex = outputRowIndex % ${r}u;
  let outputGroupIndex = outputRowIndex / ${r}u;
  let inputGroupIndex = outputGroupIndex * 64u + localId.x;

  let result = extent_pass(channelIndex, inputGroupIndex);
  sharedMin[localId.x] = result[0];
  sharedMax[localId.x] = result[1];
  workgroupBarrier();

  var stride = 32u;
  loop {
    if (stride == 0u) {
      break;
    }
    if (localId.x < stride) {
      let compareIndex = localId.x + stride;
      if (sharedMin[compareIndex] < sharedMin[localId.x]) {
        sharedMin[localId.x] = sharedMin[compareIndex];
      }
      if (sharedMax[compareIndex] > sharedMax[localId.x]) {
        sharedMax[localId.x] = sharedMax[compareIndex];
      }
    }
    workgroupBarrier();
    stride = stride / 2u;
  }

  if (localId.x == 0u) {
    write_result(outputRowIndex, array<${l}, 2>(sharedMin[0], sharedMax[0]));
  }
}
`,p=new ep(a.device,{source:f,shaderLayout:{bindings:[...e.isConstant?[]:[{name:`sourceValues`,type:`storage`,group:0,location:0}],{name:`result`,type:`storage`,group:0,location:+!e.isConstant}]}}),m={result:a};e.isConstant||(m.sourceValues=e.buffer),p.setBindings(m);let h=a.device.beginComputePass({});p.dispatch(h,u.x,u.y,u.z),h.end(),a.device.submit(),p.destroy()}function tb(e,t,n,r){let i=X(t),[a,o]=nb(t);return e===`raw`?`fn extent_pass(channelIndex: u32, inputGroupIndex: u32) -> array<${i}, 2> {
  var result: array<${i}, 2>;
  result[0] = ${a};
  result[1] = ${o};

  if (inputGroupIndex < ${r}u) {
    let value = read_source_values(inputGroupIndex);
    result[0] = value[channelIndex];
    result[1] = value[channelIndex];
  }

  return result;
}`:`fn extent_pass(channelIndex: u32, inputGroupIndex: u32) -> array<${i}, 2> {
  var result: array<${i}, 2>;
  result[0] = ${a};
  result[1] = ${o};

  if (inputGroupIndex < ${r}u) {
    let rowIndex = inputGroupIndex * ${n}u + channelIndex;
    let value = read_source_values(rowIndex);
    result[0] = value[0];
    result[1] = value[1];
  }

  return result;
}`}function nb(e){switch(e){case`uint32`:return[`0xffffffffu`,`0u`];case`sint32`:return[`2147483647`,`-2147483648`];case`float32`:return[`3.402823e38`,`-3.402823e38`];default:throw Error(`Unsupported WebGPU extent type for ${e}`)}}function rb(){let e=new Uint16Array([255]);return new Uint8Array(e.buffer)[0]>0}var ib=`\
const LE: bool = ${rb()?`true`:`false`};
const F32_NAN: u32 = 0xffffffffu;
const F32_INF: u32 = 0x7f800000u;

fn roundShiftRight(value: u32, shift: i32) -> u32 {
  if (shift <= 0) {
    return value << u32(-shift);
  }

  if (shift >= 32) {
    if (shift == 32 && value > 0x80000000u) {
      return 1u;
    }
    return 0u;
  }

  let shiftU32 = u32(shift);
  let truncated = value >> shiftU32;
  let halfShift = 1u << u32(shift - 1);
  let remainder = value & ((1u << shiftU32) - 1u);
  if (remainder > halfShift || (remainder == halfShift && (truncated & 1u) == 1u)) {
    return truncated + 1u;
  }
  return truncated;
}

fn makeFloatImmediate(sign: u32, exponent: i32, mantissa: u32) -> u32 {
  return (sign << 31u) | (u32(exponent + 127) << 23u) | (mantissa & 0x7fffffu);
}

fn makeFloat(sign: u32, exponent: i32, significand: u32) -> u32 {
  if (significand == 0u) {
    return sign << 31u;
  }

  let leadingZeros = i32(countLeadingZeros(significand));
  var normalizedExponent = exponent + 31 - leadingZeros;

  if (normalizedExponent > 127) {
    return (sign << 31u) | F32_INF;
  }

  var mantissa: u32;
  if (normalizedExponent >= -126) {
    mantissa = roundShiftRight(significand, 8 - leadingZeros);
    if (mantissa >= 0x1000000u) {
      mantissa = mantissa >> 1u;
      normalizedExponent += 1;
      if (normalizedExponent > 127) {
        return (sign << 31u) | F32_INF;
      }
    }
    return makeFloatImmediate(sign, normalizedExponent, mantissa);
  }

  let subnormalShift = -149 - exponent;
  mantissa = roundShiftRight(significand, subnormalShift);
  if (mantissa >= 0x800000u) {
    return (sign << 31u) | (1u << 23u);
  }
  return (sign << 31u) | mantissa;
}

fn parseAsDouble(words: vec2<u32>) -> vec2<u32> {
  var d = words;
  if (LE) {
    d = d.yx;
  }

  let sign = (d.x >> 31u) & 1u;
  let exponentBits = (d.x >> 20u) & 0x7ffu;
  let exponent = i32(exponentBits) - 1023;
  let fractionHigh = d.x & 0xfffffu;
  let fractionLow = d.y;

  if (exponentBits == 0x7ffu) {
    if (fractionHigh == 0u && fractionLow == 0u) {
      return vec2<u32>((sign << 31u) | F32_INF, F32_NAN);
    }
    return vec2<u32>(F32_NAN);
  }

  if (exponentBits == 0u) {
    return vec2<u32>(sign << 31u);
  }

  if (exponent > 127) {
    return vec2<u32>((sign << 31u) | F32_INF, ((1u - sign) << 31u) | F32_INF);
  }

  let highSignificand = 0x800000u | (fractionHigh << 3u) | (fractionLow >> 29u);
  let lowSignificand = fractionLow & 0x1fffffffu;

  if (exponent < -126) {
    let highPart = makeFloat(sign, exponent - 23, highSignificand);
    let lowPart = makeFloat(sign, exponent - 52, lowSignificand);
    return vec2<u32>(highPart, lowPart);
  }

  let roundUp = lowSignificand > 0x10000000u ||
    (lowSignificand == 0x10000000u && (highSignificand & 1u) == 1u);

  var roundedSignificand = highSignificand + select(0u, 1u, roundUp);
  var highExponent = exponent;
  if (roundedSignificand == 0x1000000u) {
    roundedSignificand = 0x800000u;
    highExponent += 1;
  }

  if (highExponent > 127) {
    return vec2<u32>((sign << 31u) | F32_INF, ((1u - sign) << 31u) | F32_INF);
  }

  let highPart = makeFloatImmediate(sign, highExponent, roundedSignificand);

  var remainder = i32(lowSignificand);
  var lowSign = sign;
  if (roundUp) {
    remainder -= 0x20000000;
  }
  if (remainder < 0) {
    lowSign = 1u - sign;
    remainder = -remainder;
  }

  let lowPart = makeFloat(lowSign, exponent - 52, u32(remainder));
  return vec2<u32>(highPart, lowPart);
}

fn fround(x: array<u32, {X_LEN}>) -> array<f32, {RESULT_LEN}> {
  var result: array<f32, {RESULT_LEN}>;
  let n = {X_LEN}u / 2u;
  for (var i = 0u; i < n; i = i + 1u) {
    let parts = parseAsDouble(vec2<u32>(x[i * 2u], x[i * 2u + 1u]));
    result[i] = bitcast<f32>(parts.x);
    result[i + n] = bitcast<f32>(parts.y);
  }
  return result;
}
`,ab=({inputs:e,output:t,target:n})=>(My({module:{name:`fround`,source:ib},inputs:e,output:t,operationType:`uint32`,outputBuffer:n}),{success:!0}),ob=async({inputs:e,output:t,target:n})=>{let{ids:r,sourceValues:i}=e,a=X(r.type),o=[];r.isConstant||o.push({name:`ids`,input:r,index:o.length}),i.isConstant||o.push({name:`sourceValues`,input:i,index:o.length});let s=xy(Math.ceil(t.length/64),n.device.limits.maxComputeWorkgroupsPerDimension),c=`
${o.map(({name:e,input:t,index:n})=>qy(e,t,n)).join(`
`)}
${sb(r,a)}
${Yy(i,t.type)}
${Xy(t,o.length)}
${Zy(t)}
${Qy(t.type,t.size)}
${cb(r.type,t.type,t.size,i.length)}

@compute @workgroup_size(64) fn main(
  @builtin(workgroup_id) workgroupId: vec3<u32>,
  @builtin(local_invocation_id) localId: vec3<u32>
) {
  let rowIndex = ${Cy(s,64)};
  if (rowIndex >= ${t.length}u) {
    return;
  }

  let idsValue = read_ids(rowIndex);
  let result = gather(idsValue);
  write_result(rowIndex, result);
}
`,l=new ep(n.device,{source:c,shaderLayout:{bindings:[...o.map(({name:e,index:t})=>({name:e,type:`storage`,group:0,location:t})),{name:`result`,type:`storage`,group:0,location:o.length}]}}),u={};r.isConstant||(u.ids=r.buffer),i.isConstant||(u.sourceValues=i.buffer),u.result=n,l.setBindings(u);let d=n.device.beginComputePass({});return l.dispatch(d,s.x,s.y,s.z),d.end(),n.device.submit(),l.destroy(),{success:!0}};function sb(e,t){if(e.isConstant){let n=e.value;if(!n)throw Error(`Constant input ${e} is missing CPU values`);return`fn read_ids(_rowIndex: u32) -> ${t} {
  return ${Ty(t,n[0]??0)};
}`}let n=e.stride/e.ValueType.BYTES_PER_ELEMENT;return`fn read_ids(rowIndex: u32) -> ${t} {
  let rowOffset = ${e.offset/e.ValueType.BYTES_PER_ELEMENT}u + rowIndex * ${n}u;
  return ids[rowOffset];
}`}function cb(e,t,n,r){let i=X(e);return`fn gather(idsValue: ${i}) -> array<${X(t)}, ${n}> {
  let sourceIndex = ${i===`u32`?`i32(idsValue)`:i===`i32`?`idsValue`:`i32(idsValue)`};
  if (sourceIndex < 0 || sourceIndex >= ${r}) {
    return zero_result();
  }
  return read_source_values(u32(sourceIndex));
}`}var lb=async({inputs:e,output:t,target:n})=>{let{segments:r}=e,i=r.isConstant?[]:[{name:`segments`,input:r,index:0}],a=xy(Math.ceil(t.length/64),n.device.limits.maxComputeWorkgroupsPerDimension),o=`
${i.map(({name:e,input:t,index:n})=>qy(e,t,n)).join(`
`)}
${Jy(`segments`,r,`uint32`)}
${Xy(t,i.length)}
${Zy(t)}
${ub(r.length)}

@compute @workgroup_size(64) fn main(
  @builtin(workgroup_id) workgroupId: vec3<u32>,
  @builtin(local_invocation_id) localId: vec3<u32>
) {
  let rowIndex = ${Cy(a,64)};
  if (rowIndex >= ${t.length}u) {
    return;
  }

  let result = segmented_map(rowIndex);
  write_result(rowIndex, result);
}
`,s=new ep(n.device,{source:o,shaderLayout:{bindings:[...i.map(({name:e,index:t})=>({name:e,type:`storage`,group:0,location:t})),{name:`result`,type:`storage`,group:0,location:i.length}]}}),c=Object.fromEntries(i.map(({name:e,input:t})=>[e,t.buffer]));c.result=n,s.setBindings(c);let l=n.device.beginComputePass({});return s.dispatch(l,a.x,a.y,a.z),l.end(),n.device.submit(),s.destroy(),{success:!0}};function ub(e){return`fn segmented_map(vertexIndex: u32) -> array<u32, 2> {
  var low = 0i;
  var high = ${e}i;
  while (low < high) {
    let mid = low + (high - low) / 2i;
    let midStart = read_segments(u32(mid))[0];
    if (midStart <= vertexIndex) {
      low = mid + 1i;
    } else {
      high = mid;
    }
  }

  let segmentIndex = u32(max(low - 1i, 0i));
  let segmentStart = read_segments(segmentIndex)[0];
  return array<u32, 2>(segmentIndex, vertexIndex - segmentStart);
}`}var db=({inputs:e,output:t,target:n})=>{let r=e.map((e,t)=>[`x${t}`,e]);fb(n.device.limits,r);let i=r.map(([e,t])=>`${e}: array<{TYPE}, ${t.size}>`).join(`, `),a=0;return My({module:{name:`interleave`,source:`\
fn interleave(${i}) -> array<{TYPE}, {RESULT_LEN}> {
  var out: array<{TYPE}, {RESULT_LEN}>;
${r.map(([e,t])=>{let n=Array.from({length:t.size},(t,n)=>`  out[${a+n}] = ${e}[${n}];`).join(`
`);return a+=t.size,n}).join(`
`)}
  return out;
}
`},inputs:e,output:t,outputBuffer:n}),{success:!0}};function fb(e,t){let n=t.filter(([,e])=>!e.isConstant).length+1;if(n>e.maxStorageBuffersPerShaderStage)throw Error(`interleave() requires ${n} storage buffers, exceeding device limit ${e.maxStorageBuffersPerShaderStage}`);if(n>e.maxBindingsPerBindGroup)throw Error(`interleave() requires ${n} bindings, exceeding bind group limit ${e.maxBindingsPerBindGroup}`)}var pb=`fn row_length(x: array<{TYPE}, {X_LEN}>) -> array<f32, 1> {
  var sum = 0.0;
  for (var i = 0u; i < {X_LEN}u; i = i + 1u) {
    sum += f32(x[i]) * f32(x[i]);
  }
  return array<f32, 1>(sqrt(sum));
}
`,mb=({inputs:e,output:t,target:n})=>(My({module:{name:`row_length`,source:pb},inputs:e,output:t,operationType:`float32`,outputBuffer:n}),{success:!0}),hb=async({inputs:e,output:t,target:n})=>{let r=Dy(t.type);return My({module:{name:`select`,source:`// inline expression select
`},inputs:e,output:t,operationType:t.type,outputBuffer:n,expression:t=>{let n=gb(`condition`,e.condition,t,r),i=gb(`whenTrue`,e.whenTrue,t,r);return`select(${gb(`whenFalse`,e.whenFalse,t,r)}, ${i}, ${n} != ${r})`}}),{success:!0}};function gb(e,t,n,r){return n<t.size?`${e}[${n}]`:t.size===1?`${e}[0]`:r}var _b=64,vb=({inputs:e,output:t,target:n})=>{let r=xy(Math.ceil(t.length/_b),n.device.limits.maxComputeWorkgroupsPerDimension),i=`\
@group(0) @binding(0) var<storage, read_write> result: array<i32>;

@compute @workgroup_size(${_b}) fn main(
  @builtin(workgroup_id) workgroupId: vec3<u32>,
  @builtin(local_invocation_id) localId: vec3<u32>
) {
  let rowIndex = ${Cy(r,_b)};
  if (rowIndex >= ${t.length}u) {
    return;
  }

  let rowOffset = ${t.offset/t.ValueType.BYTES_PER_ELEMENT}u + rowIndex * ${t.stride/t.ValueType.BYTES_PER_ELEMENT}u;
  result[rowOffset] = ${e.start} + i32(rowIndex) * ${e.step};
}
`,a=new ep(n.device,{source:i,shaderLayout:{bindings:[{name:`result`,type:`storage`,group:0,location:0}]}});a.setBindings({result:n});let o=n.device.beginComputePass({});return a.dispatch(o,r.x,r.y,r.z),o.end(),n.device.submit(),a.destroy(),{success:!0}},yb=({inputs:e,output:t,target:n})=>{let{columns:r}=e;return My({module:{name:`swizzle`,source:`// swizzle expression handled inline`},expression:e=>`x[${r[e]}]`,inputs:{x:e.x},output:t,outputBuffer:n}),{success:!0}},bb=Te({arithmetic:()=>Hy,dot:()=>Wy,equalAll:()=>Ky,extent:()=>$y,fround:()=>ab,gather:()=>ob,interleave:()=>db,length:()=>mb,segmentedMap:()=>lb,select:()=>hb,sequence:()=>vb,swizzle:()=>yb}),xb=class{constructor(e,{id:t,isTransitionAttribute:n}){this.packedBuffers={},this.device=e,this.id=t,this.isTransitionAttribute=n,this.device.type===`webgpu`&&ay.add(`webgpu`,{interleave:db})}hasGroups(e){return this.device.type===`webgpu`&&Object.values(e).some(e=>!!e.settings.bufferGroup)}finalize(){for(let e of Object.values(this.packedBuffers))e.packed.destroy();this.packedBuffers={}}getBufferLayouts(e,t){let n=this._getPackedGroups(e,t,{requireValues:!1,excludeAttributes:{}});return this._getBufferLayouts(e,n,t)}getBindings(e,t,n,r){let i=this._getPackedGroups(e,n,{requireValues:!0,excludeAttributes:r}),a={},o=new Set;for(let e of i.values()){let n=!this.packedBuffers[e.id]||e.attributes.some(e=>!!t[e.id]);a[e.id]=this._getPackedBuffer(e,n);for(let t of e.attributes)o.add(t.id)}return{bufferLayouts:this._getBufferLayouts(e,i,n).filter(t=>!r[t.name]&&!e[t.name]?.settings.isIndexed),buffers:a,groupedAttributeIds:o}}_getPackedGroups(e,t,{requireValues:n,excludeAttributes:r}){let i=new Map;for(let t of Object.values(e)){let e=t.settings.bufferGroup;if(!e)continue;let n=i.get(e)||[];n.push(t),i.set(e,n)}let a=new Map;for(let[e,o]of i){let i=this._getPackedGroup(e,o,t,n,r);i&&a.set(e,i)}return a}_getPackedGroup(e,t,n,r,i){if(t.length<2)return null;let a=t.map(e=>e.getBufferLayout(n)),o=a[0].stepMode,s=Math.max(1,t[0].numInstances),c=r&&t.every(e=>e.isConstant);for(let e=0;e<t.length;e++){let n=t[e],c=n.getAccessor(),l=c.size*c.bytesPerElement;if(i[n.id]||n.settings.isIndexed||n.settings.noAlloc||n.doublePrecision||this.isTransitionAttribute(n.id)||a[e].stepMode!==o||n.numInstances!==t[0].numInstances||(c.offset||0)!==0||(c.vertexOffset||0)!==0||yv(c)!==l||r&&(n.isConstant?!n.getConstantValue()||n.getConstantValue().byteLength<l:!ArrayBuffer.isView(n.value)||n.value.byteLength<s*l))return null}let l={},u=[],d=0;for(let e=0;e<t.length;e++){let n=t[e];d=Sb(d),l[n.id]=d;for(let t of a[e].attributes||[])u.push({...t,byteOffset:d+(t.byteOffset||0)});d+=yv(n.getAccessor())}return d=Sb(d),{id:e,attributes:t,byteStride:d,byteOffsets:l,rowCount:s,layout:{name:e,byteStride:c?0:d,stepMode:o,attributes:u}}}_getBufferLayouts(e,t,n){let r=[],i=new Set,a=new Set;for(let e of t.values())for(let t of e.attributes)a.add(t.id);for(let o of Object.values(e)){let e=o.settings.bufferGroup,s=e&&t.get(e);s&&a.has(o.id)?i.has(s.id)||(r.push(s.layout),i.add(s.id)):r.push(o.getBufferLayout(n))}return r}_getPackedBuffer(e,t){let n=JSON.stringify({byteStride:e.layout.byteStride,attributes:e.layout.attributes}),r=this.packedBuffers[e.id];if(r&&r.layoutKey===n||(t=!0),t){r&&(r.packed.destroy(),delete this.packedBuffers[e.id]);let t=this._interleavePackedGroup(e);return this.packedBuffers[e.id]={packed:t,layoutKey:n},t.buffer}if(!r)throw Error(`Attribute buffer group ${e.id} has no packed buffer`);return r.packed.buffer}_interleavePackedGroup(e){let t=dy(...e.attributes.map(t=>this._getInterleaveInput(e,t)));return fy(this.device,t),t}_getInterleaveInput(e,t){let n=yv(t.getAccessor()),r=e.byteOffsets[t.id];if(Cb(`${e.id}.${t.id} rowByteLength`,n),Cb(`${e.id}.${t.id} groupByteOffset`,r),t.isConstant){let r=t.getConstantValue();if(!r)throw Error(`Attribute group ${e.id} is missing constant value ${t.id}`);return Cb(`${e.id}.${t.id} constant byteOffset`,r.byteOffset),new y({id:t.id,type:`uint32`,size:n/4,isConstant:!0,value:new Uint32Array(r.buffer,r.byteOffset,n/Uint32Array.BYTES_PER_ELEMENT)})}let i=t.getBuffer(),a=t.byteOffset,o=t.getAccessor().stride||n;if(Cb(`${e.id}.${t.id} byteOffset`,a),Cb(`${e.id}.${t.id} stride`,o),!i)throw Error(`Attribute group ${e.id} cannot interleave missing buffer ${t.id}`);return new y({id:t.id,type:`uint32`,size:n/4,offset:a,stride:o,length:e.rowCount,buffer:i})}};function Sb(e){return Math.ceil(e/4)*4}function Cb(e,t){if(t%4!=0)throw Error(`Attribute buffer groups require 32-bit alignment: ${e}=${t}`)}function wb(e){let{source:t,target:n,start:r=0,size:i,getData:a}=e,o=e.end||n.length,s=t.length,c=o-r;if(s>c){n.set(t.subarray(0,c),r);return}if(n.set(t,r),!a)return;let l=s;for(;l<c;){let e=a(l,t);for(let t=0;t<i;t++)n[r+l]=e[t]||0,l++}}function Tb({source:e,target:t,size:n,getData:r,sourceStartIndices:i,targetStartIndices:a}){if(!i||!a)return wb({source:e,target:t,size:n,getData:r}),t;let o=0,s=0,c=r&&((e,t)=>r(e+s,t)),l=Math.min(i.length,a.length);for(let r=1;r<l;r++){let l=i[r]*n,u=a[r]*n;wb({source:e.subarray(o,l),target:t,start:s,end:u,size:n,getData:c}),o=l,s=u}return s<t.length&&wb({source:[],target:t,start:s,size:n,getData:c}),t}function Eb(e){let{device:t,settings:n,value:r}=e,i=new Pv(t,n);return i.setData({value:r instanceof Float64Array?new Float64Array:new Float32Array,normalized:n.normalized}),i}function Db(e){switch(e){case 1:return`float`;case 2:return`vec2`;case 3:return`vec3`;case 4:return`vec4`;default:throw Error(`No defined attribute type for size "${e}"`)}}function Ob(e){switch(e){case 1:return`float32`;case 2:return`float32x2`;case 3:return`float32x3`;case 4:return`float32x4`;default:throw Error(`invalid type size`)}}function kb(e){e.push(e.shift())}function Ab(e,t){let{settings:n,value:r,size:i}=e,a=e.isDoublePrecisionBuffer?2:1,o=0,{shaderAttributes:s}=e.settings;if(s)for(let e of Object.values(s))o=Math.max(o,e.vertexOffset??0);return(n.noAlloc?r.length:(t+o)*i)*a}function jb({device:e,source:t,target:n}){return(!n||n.byteLength<t.byteLength)&&(n?.destroy(),n=e.createBuffer({byteLength:t.byteLength,usage:t.usage})),n}function Mb({device:e,buffer:t,attribute:n,fromLength:r,toLength:i,fromStartIndices:a,getData:o=e=>e}){let s=n.isDoublePrecisionBuffer?2:1,c=n.size*s,l=n.byteOffset,u=n.settings.bytesPerElement<4?l/n.settings.bytesPerElement*4:l,d=n.startIndices,f=a&&d,p=n.isConstant;if(!f&&t&&r>=i)return t;let m=n.value instanceof Float64Array?Float32Array:n.value.constructor,h=p?n.value:new m(n.getBuffer().readSyncWebGL(l,i*m.BYTES_PER_ELEMENT).buffer);if(n.settings.normalized&&!p){let e=o;o=(t,r)=>n.normalizeConstant(e(t,r))}let g=p?(e,t)=>o(h,t):(e,t)=>o(h.subarray(e+l,e+l+c),t),_=t?new Float32Array(t.readSyncWebGL(u,r*4).buffer):new Float32Array,v=new Float32Array(i);return Tb({source:_,target:v,sourceStartIndices:a,targetStartIndices:d,size:c,getData:g}),(!t||t.byteLength<v.byteLength+u)&&(t?.destroy(),t=e.createBuffer({byteLength:v.byteLength+u,usage:35050})),t.write(v,u),t}var Nb=class{constructor({device:e,attribute:t,timeline:n}){this.buffers=[],this.currentLength=0,this.device=e,this.transition=new Fp(n),this.attribute=t,this.attributeInTransition=Eb(t),this.currentStartIndices=t.startIndices}get inProgress(){return this.transition.inProgress}start(e,t,n=1/0){this.settings=e,this.currentStartIndices=this.attribute.startIndices,this.currentLength=Ab(this.attribute,t),this.transition.start({...e,duration:n})}update(){let e=this.transition.update();return e&&this.onUpdate(),e}setBuffer(e){let{stride:t}=this.attributeInTransition.getAccessor();this.attributeInTransition.setData({buffer:e,normalized:this.attribute.settings.normalized,value:this.attributeInTransition.value,stride:t})}cancel(){this.transition.cancel()}delete(){this.cancel();for(let e of this.buffers)e.destroy();this.buffers.length=0}},Pb=class extends Nb{constructor({device:e,attribute:t,timeline:n}){super({device:e,attribute:t,timeline:n}),this.type=`interpolation`,this.transform=zb(e,t)}start(e,t){let n=this.currentLength,r=this.currentStartIndices;if(super.start(e,t,e.duration),e.duration<=0){this.transition.cancel();return}let{buffers:i,attribute:a}=this;kb(i),i[0]=Mb({device:this.device,buffer:i[0],attribute:a,fromLength:n,toLength:this.currentLength,fromStartIndices:r,getData:e.enter}),i[1]=jb({device:this.device,source:i[0],target:i[1]}),this.setBuffer(i[1]);let{transform:o}=this,s=o.model,c=Math.floor(this.currentLength/a.size);Rb(a)&&(c/=2),s.setVertexCount(c),a.isConstant?(s.setAttributes({aFrom:i[0]}),s.setConstantAttributes({aTo:a.value})):s.setAttributes({aFrom:i[0],aTo:a.getBuffer()}),o.transformFeedback.setBuffers({vCurrent:i[1]})}onUpdate(){let{duration:e,easing:t}=this.settings,{time:n}=this.transition,r=n/e;t&&(r=t(r));let{model:i}=this.transform,a={time:r};i.shaderInputs.setProps({interpolation:a}),this.transform.run({discard:!0})}delete(){super.delete(),this.transform.destroy()}},Fb={name:`interpolation`,vs:`layout(std140) uniform interpolationUniforms {
  float time;
} interpolation;
`,uniformTypes:{time:`f32`}},Ib=`#version 300 es
#define SHADER_NAME interpolation-transition-vertex-shader

in ATTRIBUTE_TYPE aFrom;
in ATTRIBUTE_TYPE aTo;
out ATTRIBUTE_TYPE vCurrent;

void main(void) {
  vCurrent = mix(aFrom, aTo, interpolation.time);
  gl_Position = vec4(0.0);
}
`,Lb=`#version 300 es
#define SHADER_NAME interpolation-transition-vertex-shader

in ATTRIBUTE_TYPE aFrom;
in ATTRIBUTE_TYPE aFrom64Low;
in ATTRIBUTE_TYPE aTo;
in ATTRIBUTE_TYPE aTo64Low;
out ATTRIBUTE_TYPE vCurrent;
out ATTRIBUTE_TYPE vCurrent64Low;

vec2 mix_fp64(vec2 a, vec2 b, float x) {
  vec2 range = sub_fp64(b, a);
  return sum_fp64(a, mul_fp64(range, vec2(x, 0.0)));
}

void main(void) {
  for (int i=0; i<ATTRIBUTE_SIZE; i++) {
    vec2 value = mix_fp64(vec2(aFrom[i], aFrom64Low[i]), vec2(aTo[i], aTo64Low[i]), interpolation.time);
    vCurrent[i] = value.x;
    vCurrent64Low[i] = value.y;
  }
  gl_Position = vec4(0.0);
}
`;function Rb(e){return e.isDoublePrecisionBuffer}function zb(e,t){let n=t.size,r=Db(n),i=Ob(n),a=t.getBufferLayout();return Rb(t)?new Zf(e,{vs:Lb,bufferLayout:[{name:`aFrom`,byteStride:8*n,attributes:[{attribute:`aFrom`,format:i,byteOffset:0},{attribute:`aFrom64Low`,format:i,byteOffset:4*n}]},{name:`aTo`,byteStride:8*n,attributes:[{attribute:`aTo`,format:i,byteOffset:0},{attribute:`aTo64Low`,format:i,byteOffset:4*n}]}],modules:[zs,Fb],defines:{ATTRIBUTE_TYPE:r,ATTRIBUTE_SIZE:n},moduleSettings:{},varyings:[`vCurrent`,`vCurrent64Low`],bufferMode:35980,disableWarnings:!0}):new Zf(e,{vs:Ib,bufferLayout:[{name:`aFrom`,format:i},{name:`aTo`,format:a.attributes[0].format}],modules:[Fb],defines:{ATTRIBUTE_TYPE:r},varyings:[`vCurrent`],disableWarnings:!0})}var Bb=class extends Nb{constructor({device:e,attribute:t,timeline:n}){super({device:e,attribute:t,timeline:n}),this.type=`spring`,this.texture=Gb(e),this.framebuffer=Kb(e,this.texture),this.transform=Wb(e,t)}start(e,t){let n=this.currentLength,r=this.currentStartIndices;super.start(e,t);let{buffers:i,attribute:a}=this;for(let t=0;t<2;t++)i[t]=Mb({device:this.device,buffer:i[t],attribute:a,fromLength:n,toLength:this.currentLength,fromStartIndices:r,getData:e.enter});i[2]=jb({device:this.device,source:i[0],target:i[2]}),this.setBuffer(i[1]);let{model:o}=this.transform;o.setVertexCount(Math.floor(this.currentLength/a.size)),a.isConstant?o.setConstantAttributes({aTo:a.value}):o.setAttributes({aTo:a.getBuffer()})}onUpdate(){let{buffers:e,transform:t,framebuffer:n,transition:r}=this,i=this.settings;t.model.setAttributes({aPrev:e[0],aCur:e[1]}),t.transformFeedback.setBuffers({vNext:e[2]});let a={stiffness:i.stiffness,damping:i.damping};t.model.shaderInputs.setProps({spring:a}),t.run({framebuffer:n,discard:!1,parameters:{viewport:[0,0,1,1]},clearColor:[0,0,0,0]}),kb(e),this.setBuffer(e[1]),this.device.readPixelsToArrayWebGL(n)[0]>0||r.end()}delete(){super.delete(),this.transform.destroy(),this.texture.destroy(),this.framebuffer.destroy()}},Vb={name:`spring`,vs:`layout(std140) uniform springUniforms {
  float damping;
  float stiffness;
} spring;
`,uniformTypes:{damping:`f32`,stiffness:`f32`}},Hb=`#version 300 es
#define SHADER_NAME spring-transition-vertex-shader

#define EPSILON 0.00001

in ATTRIBUTE_TYPE aPrev;
in ATTRIBUTE_TYPE aCur;
in ATTRIBUTE_TYPE aTo;
out ATTRIBUTE_TYPE vNext;
out float vIsTransitioningFlag;

ATTRIBUTE_TYPE getNextValue(ATTRIBUTE_TYPE cur, ATTRIBUTE_TYPE prev, ATTRIBUTE_TYPE dest) {
  ATTRIBUTE_TYPE velocity = cur - prev;
  ATTRIBUTE_TYPE delta = dest - cur;
  ATTRIBUTE_TYPE force = delta * spring.stiffness;
  ATTRIBUTE_TYPE resistance = velocity * spring.damping;
  return force - resistance + velocity + cur;
}

void main(void) {
  bool isTransitioning = length(aCur - aPrev) > EPSILON || length(aTo - aCur) > EPSILON;
  vIsTransitioningFlag = isTransitioning ? 1.0 : 0.0;

  vNext = getNextValue(aCur, aPrev, aTo);
  gl_Position = vec4(0, 0, 0, 1);
  gl_PointSize = 100.0;
}
`,Ub=`#version 300 es
#define SHADER_NAME spring-transition-is-transitioning-fragment-shader

in float vIsTransitioningFlag;

out vec4 fragColor;

void main(void) {
  if (vIsTransitioningFlag == 0.0) {
    discard;
  }
  fragColor = vec4(1.0);
}`;function Wb(e,t){let n=Db(t.size),r=Ob(t.size);return new Zf(e,{vs:Hb,fs:Ub,bufferLayout:[{name:`aPrev`,format:r},{name:`aCur`,format:r},{name:`aTo`,format:t.getBufferLayout().attributes[0].format}],varyings:[`vNext`],modules:[Vb],defines:{ATTRIBUTE_TYPE:n},parameters:{depthCompare:`always`,blendColorOperation:`max`,blendColorSrcFactor:`one`,blendColorDstFactor:`one`,blendAlphaOperation:`max`,blendAlphaSrcFactor:`one`,blendAlphaDstFactor:`one`}})}function Gb(e){return e.createTexture({data:new Uint8Array(4),format:`rgba8unorm`,width:1,height:1})}function Kb(e,t){return e.createFramebuffer({id:`spring-transition-is-transitioning-framebuffer`,width:1,height:1,colorAttachments:[t]})}var qb={interpolation:Pb,spring:Bb},Jb=class{constructor(e,{id:t,timeline:n}){if(!e)throw Error(`AttributeTransitionManager is constructed without device`);this.id=t,this.device=e,this.timeline=n,this.transitions={},this.needsRedraw=!1,this.numInstances=1}finalize(){for(let e in this.transitions)this._removeTransition(e)}update({attributes:e,transitions:t,numInstances:n}){this.numInstances=n||1;for(let n in e){let r=e[n],i=r.getTransitionSetting(t);i&&this._updateAttribute(n,r,i)}for(let n in this.transitions){let r=e[n];r&&r.getTransitionSetting(t)||this._removeTransition(n)}}hasAttribute(e){let t=this.transitions[e];return t&&t.inProgress}getAttributes(){let e={};for(let t in this.transitions){let n=this.transitions[t];n.inProgress&&(e[t]=n.attributeInTransition)}return e}run(){if(this.numInstances===0)return!1;for(let e in this.transitions)this.transitions[e].update()&&(this.needsRedraw=!0);let e=this.needsRedraw;return this.needsRedraw=!1,e}_removeTransition(e){this.transitions[e].delete(),delete this.transitions[e]}_updateAttribute(e,t,n){let r=this.transitions[e],i=!r||r.type!==n.type;if(i){r&&this._removeTransition(e);let a=qb[n.type];a?this.transitions[e]=new a({attribute:t,timeline:this.timeline,device:this.device}):(I.error(`unsupported transition type '${n.type}'`)(),i=!1)}(i||t.needsRedraw())&&(this.needsRedraw=!0,this.transitions[e].start(n,this.numInstances))}},Yb=`attributeManager.invalidate`,Xb=`attributeManager.updateStart`,Zb=`attributeManager.updateEnd`,Qb=`attribute.updateStart`,$b=`attribute.allocate`,ex=`attribute.updateEnd`,tx=class{constructor(e,{id:t=`attribute-manager`,stats:n,timeline:r}={}){this.mergeBoundsMemoized=Hl(Bd),this.id=t,this.device=e,this.attributes={},this.updateTriggers={},this.needsRedraw=!0,this.userData={},this.stats=n,this.attributeTransitionManager=new Jb(e,{id:`${t}-transitions`,timeline:r}),this.attributeBufferGroups=e.type===`webgpu`?new xb(e,{id:t,isTransitionAttribute:e=>this.attributeTransitionManager.hasAttribute(e)}):null,Object.seal(this)}finalize(){this.attributeBufferGroups?.finalize();for(let e in this.attributes)this.attributes[e].delete();this.attributeTransitionManager.finalize()}getNeedsRedraw(e={clearRedrawFlags:!1}){let t=this.needsRedraw;return this.needsRedraw=this.needsRedraw&&!e.clearRedrawFlags,t&&this.id}setNeedsRedraw(){this.needsRedraw=!0}add(e){this._add(e)}addInstanced(e){this._add(e,{stepMode:`instance`})}remove(e){for(let t of e)this.attributes[t]!==void 0&&(this.attributes[t].delete(),delete this.attributes[t])}invalidate(e,t){let n=this._invalidateTrigger(e,t);L(Yb,this,e,n)}invalidateAll(e){for(let t in this.attributes)this.attributes[t].setNeedsUpdate(t,e);L(Yb,this,`all`)}update({data:e,numInstances:t,startIndices:n=null,transitions:r,props:i={},buffers:a={},context:o={}}){let s=!1;L(Xb,this),this.stats&&this.stats.get(`Update Attributes`).timeStart();for(let r in this.attributes){let c=this.attributes[r],l=c.settings.accessor;c.startIndices=n,c.numInstances=t,i[r]&&I.removed(`props.${r}`,`data.attributes.${r}`)(),c.setExternalBuffer(a[r])||c.setBinaryValue(typeof l==`string`?a[l]:void 0,e.startIndices)||typeof l==`string`&&!a[l]&&c.setConstantValue(o,i[l])||c.needsUpdate()&&(s=!0,this._updateAttribute({attribute:c,numInstances:t,data:e,props:i,context:o})),this.needsRedraw=this.needsRedraw||c.needsRedraw()}s&&L(Zb,this,t),this.stats&&(this.stats.get(`Update Attributes`).timeEnd(),s&&this.stats.get(`Attributes updated`).incrementCount()),this.attributeTransitionManager.update({attributes:this.attributes,numInstances:t,transitions:r})}updateTransition(){let{attributeTransitionManager:e}=this,t=e.run();return this.needsRedraw=this.needsRedraw||t,t}getAttributes(){return{...this.attributes,...this.attributeTransitionManager.getAttributes()}}getBounds(e){let t=e.map(e=>this.attributes[e]?.getBounds());return this.mergeBoundsMemoized(t)}getChangedAttributes(e={clearChangedFlags:!1}){let{attributes:t,attributeTransitionManager:n}=this,r={...n.getAttributes()};for(let i in t){let a=t[i];a.needsRedraw(e)&&!n.hasAttribute(i)&&(r[i]=a)}return r}getBufferLayouts(e){return this.hasBufferGroups()?this.attributeBufferGroups.getBufferLayouts(this.getAttributes(),e):Object.values(this.getAttributes()).map(t=>t.getBufferLayout(e))}hasBufferGroups(){return!!this.attributeBufferGroups?.hasGroups(this.attributes)}getBufferGroupBindings(e,t,n={}){return this.attributeBufferGroups?this.attributeBufferGroups.getBindings(this.getAttributes(),e,t,n):{bufferLayouts:this.getBufferLayouts(t),buffers:{},groupedAttributeIds:new Set}}_add(e,t){for(let n in e){let r=e[n],i={...r,id:n,size:r.isIndexed&&1||r.size||1,...t};this.attributes[n]=new Pv(this.device,i)}this._mapUpdateTriggersToAttributes()}_mapUpdateTriggersToAttributes(){let e={};for(let t in this.attributes)this.attributes[t].getUpdateTriggers().forEach(n=>{e[n]||(e[n]=[]),e[n].push(t)});this.updateTriggers=e}_invalidateTrigger(e,t){let{attributes:n,updateTriggers:r}=this,i=r[e];return i&&i.forEach(e=>{let r=n[e];r&&r.setNeedsUpdate(r.id,t)}),i}_updateAttribute(e){let{attribute:t,numInstances:n}=e;L(Qb,t),t.constant?t.setConstantValue(e.context,t.value):(t.allocate(n)&&L($b,t,n),t.updateBuffer(e)&&(this.needsRedraw=!0,L(ex,t,n)))}},nx=class extends Fp{get value(){return this._value}_onUpdate(){let{time:e,settings:{fromValue:t,toValue:n,duration:r,easing:i}}=this,a=i(e/r);this._value=ho(t,n,a)}},rx=1e-5;function ix(e,t,n,r,i){let a=t-e;return(n-t)*i+-a*r+a+t}function ax(e,t,n,r,i){if(Array.isArray(n)){let a=[];for(let o=0;o<n.length;o++)a[o]=ix(e[o],t[o],n[o],r,i);return a}return ix(e,t,n,r,i)}function ox(e,t){if(Array.isArray(e)){let n=0;for(let r=0;r<e.length;r++){let i=e[r]-t[r];n+=i*i}return Math.sqrt(n)}return Math.abs(e-t)}var sx={interpolation:nx,spring:class extends Fp{get value(){return this._currValue}_onUpdate(){let{fromValue:e,toValue:t,damping:n,stiffness:r}=this.settings,{_prevValue:i=e,_currValue:a=e}=this,o=ax(i,a,t,n,r),s=ox(o,t),c=ox(o,a);s<rx&&c<rx&&(o=t,this.end()),this._prevValue=a,this._currValue=o}}},cx=class{constructor(e){this.transitions=new Map,this.timeline=e}get active(){return this.transitions.size>0}add(e,t,n,r){let{transitions:i}=this;if(i.has(e)){let n=i.get(e),{value:r=n.settings.fromValue}=n;t=r,this.remove(e)}if(r=Nv(r),!r)return;let a=sx[r.type];if(!a){I.error(`unsupported transition type '${r.type}'`)();return}let o=new a(this.timeline);o.start({...r,fromValue:t,toValue:n}),i.set(e,o)}remove(e){let{transitions:t}=this;t.has(e)&&(t.get(e).cancel(),t.delete(e))}update(){let e={};for(let[t,n]of this.transitions)n.update(),e[t]=n.value,n.inProgress||this.remove(t);return e}clear(){for(let e of this.transitions.keys())this.remove(e)}};function lx(e){let t=e[cp];for(let n in t){let r=t[n],{validate:i}=r;if(i&&!i(e[n],r))throw Error(`Invalid prop ${n}: ${e[n]}`)}}function ux(e,t){let n=fx({newProps:e,oldProps:t,propTypes:e[cp],ignoreProps:{data:null,updateTriggers:null,extensions:null,transitions:null}}),r=mx(e,t),i=!1;return r||(i=hx(e,t)),{dataChanged:r,propsChanged:n,updateTriggersChanged:i,extensionsChanged:gx(e,t),transitionsChanged:dx(e,t)}}function dx(e,t){if(!e.transitions)return!1;let n={},r=e[cp],i=!1;for(let a in e.transitions){let o=r[a],s=o&&o.type;(s===`number`||s===`color`||s===`array`)&&px(e[a],t[a],o)&&(n[a]=!0,i=!0)}return i?n:!1}function fx({newProps:e,oldProps:t,ignoreProps:n={},propTypes:r={},triggerName:i=`props`}){if(t===e)return!1;if(typeof e!=`object`||!e||typeof t!=`object`||!t)return`${i} changed shallowly`;for(let a of Object.keys(e))if(!(a in n)){if(!(a in t))return`${i}.${a} added`;let n=px(e[a],t[a],r[a]);if(n)return`${i}.${a} ${n}`}for(let a of Object.keys(t))if(!(a in n)){if(!(a in e))return`${i}.${a} dropped`;if(!Object.hasOwnProperty.call(e,a)){let n=px(e[a],t[a],r[a]);if(n)return`${i}.${a} ${n}`}}return!1}function px(e,t,n){let r=n&&n.equal;return r&&!r(e,t,n)||!r&&(r=e&&t&&e.equals,r&&!r.call(e,t))?`changed deeply`:!r&&t!==e?`changed shallowly`:null}function mx(e,t){if(t===null)return`oldProps is null, initial diff`;let n=!1,{dataComparator:r,_dataDiff:i}=e;return r?r(e.data,t.data)||(n=`Data comparator detected a change`):e.data!==t.data&&(n=`A new data container was supplied`),n&&i&&(n=i(e.data,t.data)||n),n}function hx(e,t){if(t===null||`all`in e.updateTriggers&&_x(e,t,`all`))return{all:!0};let n={},r=!1;for(let i in e.updateTriggers)i!==`all`&&_x(e,t,i)&&(n[i]=!0,r=!0);return r?n:!1}function gx(e,t){if(t===null)return!0;let n=t.extensions,{extensions:r}=e;if(r===n)return!1;if(!n||!r||r.length!==n.length)return!0;for(let e=0;e<r.length;e++)if(!r[e].equals(n[e]))return!0;return!1}function _x(e,t,n){let r=e.updateTriggers[n];r??={};let i=t.updateTriggers[n];return i??={},fx({oldProps:i,newProps:r,triggerName:n})}var vx=`count(): argument not an object`,yx=`count(): argument not a container`;function bx(e){if(!Sx(e))throw Error(vx);if(typeof e.count==`function`)return e.count();if(Number.isFinite(e.size))return e.size;if(Number.isFinite(e.length))return e.length;if(xx(e))return Object.keys(e).length;throw Error(yx)}function xx(e){return typeof e==`object`&&!!e&&e.constructor===Object}function Sx(e){return typeof e==`object`&&!!e}function Cx(e,t){if(!t)return e;let n={...e,...t};if(`defines`in t&&(n.defines={...e.defines,...t.defines}),`modules`in t&&(n.modules=(e.modules||[]).concat(t.modules),t.modules.some(e=>e.name===`project64`))){let e=n.modules.findIndex(e=>e.name===`project32`);e>=0&&n.modules.splice(e,1)}if(`inject`in t){if(!e.inject)n.inject=t.inject;else{let r={...e.inject};for(let e in t.inject)r[e]=(r[e]||``)+t.inject[e];n.inject=r}}return n}var wx={minFilter:`linear`,mipmapFilter:`linear`,magFilter:`linear`,addressModeU:`clamp-to-edge`,addressModeV:`clamp-to-edge`},Tx={};function Ex(e,t,n,r){if(n instanceof j)return n;n.constructor&&n.constructor.name!==`Object`&&(n={data:n});let i=null;n.compressed&&(i={minFilter:`linear`,mipmapFilter:n.data.length>1?`nearest`:`linear`});let{width:a,height:o}=n.data,s=t.createTexture({...n,sampler:{...wx,...i,...r},mipLevels:t.getMipLevelCount(a,o)});return t.type===`webgl`?s.generateMipmapsWebGL():t.type===`webgpu`&&t.generateMipmapsWebGPU(s),Tx[s.id]=e,s}function Dx(e,t){t&&t instanceof j&&Tx[t.id]===e&&(t.delete(),delete Tx[t.id])}var Ox={boolean:{validate(e,t){return!0},equal(e,t,n){return!!e==!!t}},number:{validate(e,t){return Number.isFinite(e)&&(!(`max`in t)||e<=t.max)&&(!(`min`in t)||e>=t.min)}},color:{validate(e,t){return t.optional&&!e||Mx(e)&&(e.length===3||e.length===4)},equal(e,t,n){return G(e,t,1)}},accessor:{validate(e,t){let n=Nx(e);return n===`function`||n===Nx(t.value)},equal(e,t,n){return typeof t==`function`||G(e,t,1)}},array:{validate(e,t){return t.optional&&!e||Mx(e)},equal(e,t,n){let{compare:r}=n;return r?G(e,t,Number.isInteger(r)?r:+!!r):e===t}},object:{equal(e,t,n){if(n.ignore)return!0;let{compare:r}=n;return r?G(e,t,Number.isInteger(r)?r:+!!r):e===t}},function:{validate(e,t){return t.optional&&!e||typeof e==`function`},equal(e,t,n){return!n.compare&&n.ignore!==!1||e===t}},data:{transform:(e,t,n)=>{if(!e)return e;let{dataTransform:r}=n.props;return r?r(e):typeof e.shape==`string`&&e.shape.endsWith(`-table`)&&Array.isArray(e.data)?e.data:e}},image:{transform:(e,t,n)=>{let r=n.context;return!r||!r.device?null:Ex(n.id,r.device,e,{...t.parameters,...n.props.textureParameters})},release:(e,t,n)=>{Dx(n.id,e)}}};function kx(e){let t={},n={},r={};for(let[i,a]of Object.entries(e)){let e=a?.deprecatedFor;if(e)r[i]=Array.isArray(e)?e:[e];else{let e=Ax(i,a);t[i]=e,n[i]=e.value}}return{propTypes:t,defaultProps:n,deprecatedProps:r}}function Ax(e,t){switch(Nx(t)){case`object`:return jx(e,t);case`array`:return jx(e,{type:`array`,value:t,compare:!1});case`boolean`:return jx(e,{type:`boolean`,value:t});case`number`:return jx(e,{type:`number`,value:t});case`function`:return jx(e,{type:`function`,value:t,compare:!0});default:return{name:e,type:`unknown`,value:t}}}function jx(e,t){return`type`in t?{name:e,...Ox[t.type],...t}:`value`in t?{name:e,type:Nx(t.value),...t}:{name:e,type:`object`,value:t}}function Mx(e){return Array.isArray(e)||ArrayBuffer.isView(e)}function Nx(e){return Mx(e)?`array`:e===null?`null`:typeof e}function Px(e,t){let n;for(let e=t.length-1;e>=0;e--){let r=t[e];`extensions`in r&&(n=r.extensions)}let r=Ix(e.constructor,n),i=Object.create(r);i[sp]=e,i[dp]={},i[fp]={};for(let e=0;e<t.length;++e){let n=t[e];for(let e in n)i[e]=n[e]}return Object.freeze(i),i}var Fx=`_mergedDefaultProps`;function Ix(e,t){if(!(e instanceof Kx.constructor))return{};let n=Fx;if(t)for(let e of t){let t=e.constructor;t&&(n+=`:${t.extensionName||t.name}`)}return Ux(e,n)||(e[n]=Lx(e,t||[]))}function Lx(e,t){if(!e.prototype)return null;let n=Ix(Object.getPrototypeOf(e)),r=kx(Ux(e,`defaultProps`)||{}),i=Object.assign(Object.create(null),n,r.defaultProps),a=Object.assign(Object.create(null),n?.[cp],r.propTypes),o=Object.assign(Object.create(null),n?.[lp],r.deprecatedProps);for(let e of t){let t=Ix(e.constructor);t&&(Object.assign(i,t),Object.assign(a,t[cp]),Object.assign(o,t[lp]))}return Rx(i,e),Bx(i,a),zx(i,o),i[cp]=a,i[lp]=o,t.length===0&&!Hx(e,`_propTypes`)&&(e._propTypes=a),i}function Rx(e,t){let n=Wx(t);Object.defineProperties(e,{id:{writable:!0,value:n}})}function zx(e,t){for(let n in t)Object.defineProperty(e,n,{enumerable:!1,set(e){let r=`${this.id}: ${n}`;for(let r of t[n])Hx(this,r)||(this[r]=e);I.deprecated(r,t[n].join(`/`))()}})}function Bx(e,t){let n={},r={};for(let e in t){let i=t[e],{name:a,value:o}=i;i.async&&(n[a]=o,r[a]=Vx(a))}e[up]=n,e[dp]={},Object.defineProperties(e,r)}function Vx(e){return{enumerable:!0,set(t){typeof t==`string`||t instanceof Promise||Dv(t)?this[dp][e]=t:this[fp][e]=t},get(){if(this[fp]){if(e in this[fp])return this[fp][e]||this[up][e];if(e in this[dp]){let t=this[sp]&&this[sp].internalState;if(t&&t.hasAsyncProp(e))return t.getAsyncProp(e)||this[up][e]}}return this[up][e]}}}function Hx(e,t){return Object.prototype.hasOwnProperty.call(e,t)}function Ux(e,t){return Hx(e,t)&&e[t]}function Wx(e){let t=e.componentName;return t||I.warn(`${e.name}.componentName not specified`)(),t||e.name}var Gx=0,Kx=class{constructor(...e){this.props=Px(this,e),this.id=this.props.id,this.count=Gx++}clone(e){let{props:t}=this,n={};for(let e in t[up])e in t[fp]?n[e]=t[fp][e]:e in t[dp]&&(n[e]=t[dp][e]);return new this.constructor({...t,...n,...e})}};Kx.componentName=`Component`,Kx.defaultProps={};var qx=Object.freeze({}),Jx=class{constructor(e){this.component=e,this.asyncProps={},this.onAsyncPropUpdated=()=>{},this.oldProps=null,this.oldAsyncProps=null}finalize(){for(let e in this.asyncProps){let t=this.asyncProps[e];t&&t.type&&t.type.release&&t.type.release(t.resolvedValue,t.type,this.component)}this.asyncProps={},this.component=null,this.resetOldProps()}getOldProps(){return this.oldAsyncProps||this.oldProps||qx}resetOldProps(){this.oldAsyncProps=null,this.oldProps=this.component?this.component.props:null}hasAsyncProp(e){return e in this.asyncProps}getAsyncProp(e){let t=this.asyncProps[e];return t&&t.resolvedValue}isAsyncPropLoading(e){if(e){let t=this.asyncProps[e];return!!(t&&t.pendingLoadCount>0&&t.pendingLoadCount!==t.resolvedLoadCount)}for(let e in this.asyncProps)if(this.isAsyncPropLoading(e))return!0;return!1}reloadAsyncProp(e,t){this._watchPromise(e,Promise.resolve(t))}setAsyncProps(e){this.component=e[sp]||this.component;let t=e[fp]||{},n=e[dp]||e,r=e[up]||{};for(let e in t){let n=t[e];this._createAsyncPropData(e,r[e]),this._updateAsyncProp(e,n),t[e]=this.getAsyncProp(e)}for(let e in n){let t=n[e];this._createAsyncPropData(e,r[e]),this._updateAsyncProp(e,t)}}_fetch(e,t){return null}_onResolve(e,t){}_onError(e,t){}_updateAsyncProp(e,t){this._didAsyncInputValueChange(e,t)&&(typeof t==`string`&&(t=this._fetch(e,t)),t instanceof Promise?this._watchPromise(e,t):Dv(t)?this._resolveAsyncIterable(e,t):this._setPropValue(e,t))}_freezeAsyncOldProps(){if(!this.oldAsyncProps&&this.oldProps){this.oldAsyncProps=Object.create(this.oldProps);for(let e in this.asyncProps)Object.defineProperty(this.oldAsyncProps,e,{enumerable:!0,value:this.oldProps[e]})}}_didAsyncInputValueChange(e,t){let n=this.asyncProps[e];return t===n.resolvedValue||t===n.lastValue?!1:(n.lastValue=t,!0)}_setPropValue(e,t){this._freezeAsyncOldProps();let n=this.asyncProps[e];n&&(t=this._postProcessValue(n,t),n.resolvedValue=t,n.pendingLoadCount++,n.resolvedLoadCount=n.pendingLoadCount)}_setAsyncPropValue(e,t,n){let r=this.asyncProps[e];r&&n>=r.resolvedLoadCount&&t!==void 0&&(this._freezeAsyncOldProps(),r.resolvedValue=t,r.resolvedLoadCount=n,this.onAsyncPropUpdated(e,t))}_watchPromise(e,t){let n=this.asyncProps[e];if(n){n.pendingLoadCount++;let r=n.pendingLoadCount;t.then(t=>{this.component&&(t=this._postProcessValue(n,t),this._setAsyncPropValue(e,t,r),this._onResolve(e,t))}).catch(t=>{this._onError(e,t)})}}async _resolveAsyncIterable(e,t){if(e!==`data`){this._setPropValue(e,t);return}let n=this.asyncProps[e];if(!n)return;n.pendingLoadCount++;let r=n.pendingLoadCount,i=[],a=0;for await(let n of t){if(!this.component)return;let{dataTransform:t}=this.component.props;i=t?t(n,i):i.concat(n),Object.defineProperty(i,"__diff",{enumerable:!1,value:[{startRow:a,endRow:i.length}]}),a=i.length,this._setAsyncPropValue(e,i,r)}this._onResolve(e,i)}_postProcessValue(e,t){let n=e.type;return n&&this.component&&(n.release&&n.release(e.resolvedValue,n,this.component),n.transform)?n.transform(t,n,this.component):t}_createAsyncPropData(e,t){if(!this.asyncProps[e]){let n=this.component&&this.component.props[cp];this.asyncProps[e]={type:n&&n[e],lastValue:null,resolvedValue:t,pendingLoadCount:0,resolvedLoadCount:0}}}},Yx=class extends Jx{constructor({attributeManager:e,layer:t}){super(t),this.attributeManager=e,this.needsRedraw=!0,this.needsUpdate=!0,this.subLayers=null,this.usesPickingColorCache=!1,this.disabledPickingIndices=[]}get layer(){return this.component}_fetch(e,t){let n=this.layer,r=n?.props.fetch;return r?r(t,{propName:e,layer:n}):super._fetch(e,t)}_onResolve(e,t){let n=this.layer;if(n){let r=n.props.onDataLoad;e===`data`&&r&&r(t,{propName:e,layer:n})}}_onError(e,t){let n=this.layer;n&&n.raiseError(t,`loading ${e} of ${this.layer}`)}},Xx=`layer.changeFlag`,Zx=`layer.initialize`,Qx=`layer.update`,$x=`layer.finalize`,eS=`layer.matched`,tS=2**24-1,nS=Object.freeze([]),rS=Hl(({oldViewport:e,viewport:t})=>e.equals(t)),iS=new Uint8ClampedArray;function aS(e){return e.rowIndexes||e.pickingColors||e.instancePickingColors}function oS(e){return e.rowIndexes}function sS(e){return e.pickingColors||e.instancePickingColors}var cS={data:{type:`data`,value:nS,async:!0},dataComparator:{type:`function`,value:null,optional:!0},_dataDiff:{type:`function`,value:e=>e&&e.__diff,optional:!0},dataTransform:{type:`function`,value:null,optional:!0},onDataLoad:{type:`function`,value:null,optional:!0},onError:{type:`function`,value:null,optional:!0},fetch:{type:`function`,value:(e,{propName:t,layer:n,loaders:r,loadOptions:i,signal:a})=>{let{resourceManager:o}=n.context;i||=n.getLoadOptions(),r||=n.props.loaders,a&&(i={...i,core:{...i?.core,fetch:{...i?.core?.fetch,signal:a}}});let s=o.contains(e);return!s&&!i&&(o.add({resourceId:e,data:yi(e,r),persistent:!1}),s=!0),s?o.subscribe({resourceId:e,onChange:e=>n.internalState?.reloadAsyncProp(t,e),consumerId:n.id,requestId:t}):yi(e,r,i)}},updateTriggers:{},visible:!0,pickable:!1,opacity:{type:`number`,min:0,max:1,value:1},operation:`draw`,onHover:{type:`function`,value:null,optional:!0},onClick:{type:`function`,value:null,optional:!0},onDragStart:{type:`function`,value:null,optional:!0},onDrag:{type:`function`,value:null,optional:!0},onDragEnd:{type:`function`,value:null,optional:!0},coordinateSystem:`default`,coordinateOrigin:{type:`array`,value:[0,0,0],compare:!0},modelMatrix:{type:`array`,value:null,compare:!0,optional:!0},wrapLongitude:!1,positionFormat:`XYZ`,colorFormat:`RGBA`,parameters:{type:`object`,value:{},optional:!0,compare:2},loadOptions:{type:`object`,value:null,optional:!0,ignore:!0},transitions:null,extensions:[],loaders:{type:`array`,value:[],optional:!0,ignore:!0},getPolygonOffset:{type:`function`,value:({layerIndex:e})=>[0,-e*100]},highlightedObjectIndex:null,autoHighlight:!1,highlightColor:{type:`accessor`,value:[0,0,128,128]}},lS=class extends Kx{constructor(){super(...arguments),this.internalState=null,this.lifecycle=op.NO_STATE,this.parent=null}static get componentName(){return Object.prototype.hasOwnProperty.call(this,`layerName`)?this.layerName:``}get root(){let e=this;for(;e.parent;)e=e.parent;return e}toString(){return`${this.constructor.layerName||this.constructor.name}({id: '${this.props.id}'})`}project(e){K(this.internalState);let t=this.internalState.viewport||this.context.viewport,[n,r,i]=Mu(Zd(e,{viewport:t,modelMatrix:this.props.modelMatrix,coordinateOrigin:this.props.coordinateOrigin,coordinateSystem:this.props.coordinateSystem}),t.pixelProjectionMatrix);return e.length===2?[n,r]:[n,r,i]}unproject(e){return K(this.internalState),(this.internalState.viewport||this.context.viewport).unproject(e)}projectPosition(e,t){return K(this.internalState),Qd(e,{viewport:this.internalState.viewport||this.context.viewport,modelMatrix:this.props.modelMatrix,coordinateOrigin:this.props.coordinateOrigin,coordinateSystem:this.props.coordinateSystem,...t})}get isComposite(){return!1}get isDrawable(){return!0}setState(e){this.setChangeFlags({stateChanged:!0}),Object.assign(this.state,e),this.setNeedsRedraw()}setNeedsRedraw(){this.internalState&&(this.internalState.needsRedraw=!0)}setNeedsUpdate(){this.internalState&&(this.context.layerManager.setNeedsUpdate(String(this)),this.internalState.needsUpdate=!0)}get isLoaded(){return this.internalState?!this.internalState.isAsyncPropLoading():!1}get wrapLongitude(){return this.props.wrapLongitude}isPickable(){return this.props.pickable&&this.props.visible}getModels(){let e=this.state;return e&&(e.models||e.model&&[e.model])||[]}setShaderModuleProps(...e){for(let t of this.getModels())t.shaderInputs.setProps(...e)}getAttributeManager(){return this.internalState&&this.internalState.attributeManager}getCurrentLayer(){return this.internalState&&this.internalState.layer}getLoadOptions(){return this.props.loadOptions}use64bitPositions(){let{coordinateSystem:e}=this.props;return e==="default"||e===`lnglat`||e===`cartesian`}onHover(e,t){return this.props.onHover&&this.props.onHover(e,t)||!1}onClick(e,t){return this.props.onClick&&this.props.onClick(e,t)||!1}nullPickingColor(){return[0,0,0]}encodePickingColor(e,t=[]){return t[0]=e+1&255,t[1]=e+1>>8&255,t[2]=e+1>>8>>8&255,t}decodePickingColor(e){K(e instanceof Uint8Array);let[t,n,r]=e;return t+n*256+r*65536-1}getNumInstances(){return Number.isFinite(this.props.numInstances)?this.props.numInstances:this.state&&this.state.numInstances!==void 0?this.state.numInstances:bx(this.props.data)}getStartIndices(){return this.props.startIndices?this.props.startIndices:this.state&&this.state.startIndices?this.state.startIndices:null}getBounds(){return this.getAttributeManager()?.getBounds([`positions`,`instancePositions`])}getShaders(e){e=Cx(e,{disableWarnings:!0,modules:this.context.defaultShaderModules});for(let t of this.props.extensions)e=Cx(e,t.getShaders.call(this,t));return e}shouldUpdateState(e){return e.changeFlags.propsOrDataChanged}updateState(e){let t=this.getAttributeManager(),{dataChanged:n}=e.changeFlags;if(n&&t){if(Array.isArray(n))for(let e of n)t.invalidateAll(e);else t.invalidateAll()}if(t){let{props:n}=e,r=this.internalState.hasPickingBuffer,i=Number.isInteger(n.highlightedObjectIndex)||!!n.pickable||n.extensions.some(e=>e.getNeedsPickingBuffer.call(this,e));if(r!==i){this.internalState.hasPickingBuffer=i;let e=aS(t.attributes);e&&(i&&e.constant&&(e.constant=!1,t.invalidate(e.id)),!e.value&&!i&&(e.constant=!0,e.value=oS(t.attributes)?[Zu]:[0,0,0]))}}}finalizeState(e){for(let e of this.getModels())e.destroy();let t=this.getAttributeManager();t&&t.finalize(),this.context&&this.context.resourceManager.unsubscribe({consumerId:this.id}),this.internalState&&(this.internalState.uniformTransitions.clear(),this.internalState.finalize())}draw(e){for(let t of this.getModels())t.draw(e.renderPass)}getPickingInfo({info:e,mode:t,sourceLayer:n}){let{index:r}=e;return r>=0&&Array.isArray(this.props.data)&&(e.object=this.props.data[r]),e}raiseError(e,t){t&&(e=Error(`${t}: ${e.message}`,{cause:e})),this.props.onError?.(e)||this.context?.onError?.(e,this)}getNeedsRedraw(e={clearRedrawFlags:!1}){return this._getNeedsRedraw(e)}needsUpdate(){return this.internalState?this.internalState.needsUpdate||this.hasUniformTransition()||this.shouldUpdateState(this._getUpdateParams()):!1}hasUniformTransition(){return this.internalState?.uniformTransitions.active||!1}activateViewport(e){if(!this.internalState)return;let t=this.internalState.viewport;this.internalState.viewport=e,t&&rS({oldViewport:t,viewport:e})||(this.setChangeFlags({viewportChanged:!0}),this.isComposite?this.needsUpdate()&&this.setNeedsUpdate():this._update())}invalidateAttribute(e=`all`){let t=this.getAttributeManager();t&&(e===`all`?t.invalidateAll():t.invalidate(e))}updateAttributes(e){let t=!1;for(let n in e)e[n].layoutChanged()&&(t=!0);for(let n of this.getModels())this._setModelAttributes(n,e,t)}_updateAttributes(){let e=this.getAttributeManager();if(!e)return;let t=this.props,n=this.getNumInstances(),r=this.getStartIndices();e.update({data:t.data,numInstances:n,startIndices:r,props:t,transitions:t.transitions,buffers:t.data.attributes,context:this});let i=e.getChangedAttributes({clearChangedFlags:!0});this.updateAttributes(i)}_updateAttributeTransition(){let e=this.getAttributeManager();e&&e.updateTransition()}_updateUniformTransition(){let{uniformTransitions:e}=this.internalState;if(e.active){let t=e.update(),n=Object.create(this.props);for(let e in t)Object.defineProperty(n,e,{value:t[e]});return n}return this.props}calculateInstancePickingColors(e,{numInstances:t}){if(e.constant)return;let n=Math.floor(iS.length/4);this.internalState.usesPickingColorCache=!0;let r=t>0&&iS[0]===0;if(n<t||r){t>tS&&I.warn(`Layer has too many data objects. Picking might not be able to distinguish all objects.`)(),iS=kd.allocate(iS,t,{size:4,copy:!0,maxCount:Math.max(t,tS)});let e=Math.floor(iS.length/4),i=[0,0,0],a=r?0:n;for(let t=a;t<e;t++)this.encodePickingColor(t,i),iS[t*4+0]=i[0],iS[t*4+1]=i[1],iS[t*4+2]=i[2],iS[t*4+3]=0}e.value=iS.subarray(0,t*4)}_setModelAttributes(e,t,n=!1){if(!Object.keys(t).length)return;let r=this.getAttributeManager();if(r?.hasBufferGroups()){this._setGroupedModelAttributes(e,r,t);return}if(n){let n=this.getAttributeManager();e.setBufferLayout(n.getBufferLayouts(e)),t=n.getAttributes()}let i=e.userData?.excludeAttributes||{},a={},o={};for(let n in t){if(i[n])continue;let r=t[n].getValue();for(let i in r){let s=r[i];s instanceof O?t[n].settings.isIndexed?e.setIndexBuffer(s):a[i]=s:s&&(o[i]=s)}}e.setAttributes(a),e.setConstantAttributes(o)}_setGroupedModelAttributes(e,t,n){let r=e.userData?.excludeAttributes||{},i=t.getBufferGroupBindings(n,e,r);e.setBufferLayout(i.bufferLayouts);let a={...i.buffers},o={},s=t.getAttributes();for(let t in s){if(r[t]||i.groupedAttributeIds.has(t))continue;let n=s[t],c=n.getValue();for(let t in c){let r=c[t];r instanceof O?n.settings.isIndexed?e.setIndexBuffer(r):a[t]=r:r&&(o[t]=r)}}e.setAttributes(a),e.setConstantAttributes(o)}disablePickingIndex(e){let t=this.props.data;if(!(`attributes`in t)){this._disablePickingIndex(e);return}let n=this.getAttributeManager().attributes,r=oS(n),i=sS(n),a=r&&t.attributes&&t.attributes[r.id];if(a&&a.value){let n=a.value;for(let i=0;i<t.length;i++)n[r.getVertexOffset(i)]===e&&this._disablePickingIndex(i);return}let o=i&&t.attributes&&t.attributes[i.id];if(o&&o.value){let n=o.value,r=this.encodePickingColor(e);for(let e=0;e<t.length;e++){let t=i.getVertexOffset(e);n[t]===r[0]&&n[t+1]===r[1]&&n[t+2]===r[2]&&this._disablePickingIndex(e)}}else this._disablePickingIndex(e)}_disablePickingIndex(e){let t=this.getAttributeManager().attributes,n=oS(t);if(n){let t=n.getVertexOffset(e),r=n.getVertexOffset(e+1),i=new Uint32Array(r-t);i.fill(Zu),n.buffer.write(i,t*i.BYTES_PER_ELEMENT);return}let r=sS(t);if(!r){this.internalState&&Qu(this.internalState.disabledPickingIndices,e);return}let i=r.getVertexOffset(e),a=r.getVertexOffset(e+1);r.buffer.write(new Uint8Array(a-i),i)}restorePickingColors(){let e=this.getAttributeManager().attributes,t=aS(e);if(!t){this.internalState&&(this.internalState.disabledPickingIndices.length=0);return}let n=sS(e);this.internalState.usesPickingColorCache&&n&&n.value.buffer!==iS.buffer&&(n.value=iS.subarray(0,n.value.length)),t.updateSubBuffer({startOffset:0})}_initialize(){K(!this.internalState),L(Zx,this);let e=this._getAttributeManager();this.internalState=new Yx({attributeManager:e,layer:this}),this._clearChangeFlags(),this.state={},Object.defineProperty(this.state,"attributeManager",{get:()=>(I.deprecated(`layer.state.attributeManager`,`layer.getAttributeManager()`)(),e)}),this.internalState.uniformTransitions=new cx(this.context.timeline),this.internalState.onAsyncPropUpdated=this._onAsyncPropUpdated.bind(this),this.internalState.setAsyncProps(this.props),this.initializeState(this.context);for(let e of this.props.extensions)e.initializeState.call(this,this.context,e);this.setChangeFlags({dataChanged:`init`,propsChanged:`init`,viewportChanged:!0,extensionsChanged:!0}),this._update()}_transferState(e){L(eS,this,this===e);let{state:t,internalState:n}=e;this!==e&&(this.internalState=n,this.state=t,this.internalState.setAsyncProps(this.props),this._diffProps(this.props,this.internalState.getOldProps()))}_update(){let e=this.needsUpdate();if(L(Qx,this,e),!e)return;this.context.stats.get(`Layer updates`).incrementCount();let t=this.props,n=this.context,r=this.internalState,i=n.viewport,a=this._updateUniformTransition();r.propsInTransition=a,n.viewport=r.viewport||i,this.props=a;try{let e=this._getUpdateParams(),t=this.getModels();if(n.device)this.updateState(e);else try{this.updateState(e)}catch{}for(let t of this.props.extensions)t.updateState.call(this,e,t);this.setNeedsRedraw(),this._updateAttributes();let r=this.getModels()[0]!==t[0];this._postUpdate(e,r)}finally{n.viewport=i,this.props=t,this._clearChangeFlags(),r.needsUpdate=!1,r.resetOldProps()}}_finalize(){L($x,this),this.finalizeState(this.context);for(let e of this.props.extensions)e.finalizeState.call(this,this.context,e)}_drawLayer({renderPass:e,shaderModuleProps:t=null,uniforms:n={},parameters:r={}}){this._updateAttributeTransition();let i=this.props,a=this.context;this.props=this.internalState.propsInTransition||i;try{t&&this.setShaderModuleProps(t);let{getPolygonOffset:i}=this.props,o=i&&i(n)||[0,0];a.device instanceof cv&&a.device.setParametersWebGL({polygonOffset:o});let s=a.device instanceof cv?null:uS(r);if(dS(this.getModels(),e,r,s),a.device instanceof cv)a.device.withParametersWebGL(r,()=>{let i={renderPass:e,shaderModuleProps:t,uniforms:n,parameters:r,context:a};for(let e of this.props.extensions)e.draw.call(this,i,e);this.draw(i)});else{s?.renderPassParameters&&e.setParameters(s.renderPassParameters);let i={renderPass:e,shaderModuleProps:t,uniforms:n,parameters:r,context:a};for(let e of this.props.extensions)e.draw.call(this,i,e);this.draw(i)}}finally{this.props=i}}getChangeFlags(){return this.internalState?.changeFlags}setChangeFlags(e){if(!this.internalState)return;let{changeFlags:t}=this.internalState;for(let n in e)if(e[n]){let r=!1;switch(n){case`dataChanged`:let i=e[n],a=t[n];i&&Array.isArray(a)&&(t.dataChanged=Array.isArray(i)?a.concat(i):i,r=!0);default:t[n]||(t[n]=e[n],r=!0)}r&&L(Xx,this,n,e)}let n=!!(t.dataChanged||t.updateTriggersChanged||t.propsChanged||t.extensionsChanged);t.propsOrDataChanged=n,t.somethingChanged=n||t.viewportChanged||t.stateChanged}_clearChangeFlags(){this.internalState.changeFlags={dataChanged:!1,propsChanged:!1,updateTriggersChanged:!1,viewportChanged:!1,stateChanged:!1,extensionsChanged:!1,propsOrDataChanged:!1,somethingChanged:!1}}_diffProps(e,t){let n=ux(e,t);if(n.updateTriggersChanged)for(let e in n.updateTriggersChanged)n.updateTriggersChanged[e]&&this.invalidateAttribute(e);if(n.transitionsChanged)for(let r in n.transitionsChanged)this.internalState.uniformTransitions.add(r,t[r],e[r],e.transitions?.[r]);return this.setChangeFlags(n)}validateProps(){lx(this.props)}updateAutoHighlight(e){this.props.autoHighlight&&!Number.isInteger(this.props.highlightedObjectIndex)&&this._updateAutoHighlight(e)}_updateAutoHighlight(e){let t={highlightedObjectColor:e.picked?e.color:null},{highlightColor:n}=this.props;e.picked&&typeof n==`function`&&(t.highlightColor=n(e)),this.setShaderModuleProps({picking:t}),this.setNeedsRedraw()}_getAttributeManager(){let e=this.context;return new tx(e.device,{id:this.props.id,stats:e.stats,timeline:e.timeline})}_postUpdate(e,t){let{props:n,oldProps:r}=e,i=this.state.model;i?.isInstanced&&i.setInstanceCount(this.getNumInstances());let{autoHighlight:a,highlightedObjectIndex:o,highlightColor:s}=n;if(t||r.autoHighlight!==a||r.highlightedObjectIndex!==o||r.highlightColor!==s){let e={};Array.isArray(s)&&(e.highlightColor=s),(t||r.autoHighlight!==a||o!==r.highlightedObjectIndex)&&(e.highlightedObjectColor=Number.isFinite(o)&&o>=0?this.encodePickingColor(o):null),this.setShaderModuleProps({picking:e})}}_getUpdateParams(){return{props:this.props,oldProps:this.internalState.getOldProps(),context:this.context,changeFlags:this.internalState.changeFlags}}_getNeedsRedraw(e){if(!this.internalState)return!1;let t=!1;t||=this.internalState.needsRedraw&&this.id;let n=this.getAttributeManager(),r=n?n.getNeedsRedraw(e):!1;if(t||=r,t)for(let e of this.props.extensions)e.onNeedsRedraw.call(this,e);return this.internalState.needsRedraw=this.internalState.needsRedraw&&!e.clearRedrawFlags,t}_onAsyncPropUpdated(){this._diffProps(this.props,this.internalState.getOldProps()),this.setNeedsUpdate()}};lS.defaultProps=cS,lS.layerName=`Layer`;function uS(e){let{blendConstant:t,...n}=e;return t?{pipelineParameters:n,renderPassParameters:{blendConstant:t}}:{pipelineParameters:n}}function dS(e,t,n,r){for(let i of e)i.device.type===`webgpu`?(fS(i,t),i.setParameters({...i.parameters,...r?.pipelineParameters})):i.setParameters(n)}function fS(e,t){let n=t.props.framebuffer||(t.framebuffer??null);if(!n)return;let r=n.colorAttachments.map(e=>e?.texture?.format??null),i=n.depthStencilAttachment?.texture?.format,a=e;pS(a.props.colorAttachmentFormats,r)&&a.props.depthStencilAttachmentFormat===i||(a.props.colorAttachmentFormats=r,a.props.depthStencilAttachmentFormat=i,a._setPipelineNeedsUpdate(`attachment formats`))}function pS(e,t){if(e===t)return!0;if(!e||!t||e.length!==t.length)return!1;for(let n=0;n<e.length;n++)if(e[n]!==t[n])return!1;return!0}var mS=Math.PI/180;function hS({height:e,focalDistance:t,orbitAxis:n,rotationX:r,rotationOrbit:i,zoom:a}){let o=n===`Z`?[0,0,1]:[0,1,0],s=n===`Z`?[0,-t,0]:[0,0,t],c=new V().lookAt({eye:s,up:o});c.rotateX(r*mS),n===`Z`?c.rotateZ(i*mS):c.rotateY(i*mS);let l=2**a/e;return c.scale(l),c}var gS=class extends Kd{constructor(e){let{height:t,projectionMatrix:n,fovy:r=50,orbitAxis:i=`Z`,target:a=[0,0,0],rotationX:o=0,rotationOrbit:s=0,zoom:c=0}=e,l=n?n[5]/2:ju(r);super({...e,longitude:void 0,viewMatrix:hS({height:t||1,focalDistance:l,orbitAxis:i,rotationX:o,rotationOrbit:s,zoom:c}),fovy:r,focalDistance:l,position:a,zoom:c}),this.target=a,this.orbitAxis=i,this.rotationX=o,this.rotationOrbit=s,this.fovy=r,this.projectedCenter=this.project(this.center)}unproject(e,{topLeft:t=!0}={}){let[n,r,i=this.projectedCenter[2]]=e,[a,o,s]=Nu([n,t?r:this.height-r,i],this.pixelUnprojectionMatrix);return[a,o,s]}panByPosition(e,t,n){let r=this.project(e),{near:i,far:a}=Nd(this.projectionMatrix),o=i*a/(a-r[2]*(a-i))/(i*a/(a-this.projectedCenter[2]*(a-i))),s=[this.width/2+(r[0]-t[0])*o,this.height/2+(r[1]-t[1])*o,this.projectedCenter[2]];return{target:this.unproject(s)}}};gS.displayName=`OrbitViewport`;var _S=new V().lookAt({eye:[0,0,1]});function vS({width:e,height:t,near:n,far:r,padding:i}){let a=-e/2,o=e/2,s=-t/2,c=t/2;if(i){let{left:n=0,right:r=0,top:l=0,bottom:u=0}=i,d=z((n+e-r)/2,0,e)-e/2,f=z((l+t-u)/2,0,t)-t/2;a-=d,o-=d,s+=f,c+=f}return new V().ortho({left:a,right:o,bottom:s,top:c,near:n,far:r})}var yS=class extends Kd{constructor(e){let{width:t,height:n,near:r=.1,far:i=1e3,zoom:a=0,target:o=[0,0,0],padding:s=null,flipY:c=!0}=e,l=e.zoomX??(Array.isArray(a)?a[0]:a),u=e.zoomY??(Array.isArray(a)?a[1]:a),d=Number.isFinite(e.zoom)?e.zoom:Math.min(l,u),f=2**d,p;if(l!==d||u!==d){let e=2**l,t=2**u;p={unitsPerMeter:[e/f,t/f,1],metersPerUnit:[f/e,f/t,1]}}super({...e,longitude:void 0,position:o,viewMatrix:_S.clone().scale([f,f*(c?-1:1),f]),projectionMatrix:vS({width:t||1,height:n||1,padding:s,near:r,far:i}),zoom:d,distanceScales:p}),this.target=o,this.zoomX=l,this.zoomY=u,this.flipY=c}projectFlat([e,t]){let{unitsPerMeter:n}=this.distanceScales;return[e*n[0],t*n[1]]}unprojectFlat([e,t]){let{metersPerUnit:n}=this.distanceScales;return[e*n[0],t*n[1]]}panByPosition(e,t,n){let r=Nu(t,this.pixelUnprojectionMatrix),i=Do([],this.projectFlat(e),ko([],r)),a=Do([],this.center,i);return{target:this.unprojectFlat(a)}}};yS.displayName=`OrthographicViewport`;var bS=class extends nm{constructor(e){let{width:t,height:n,rotationX:r=0,rotationOrbit:i=0,target:a=[0,0,0],zoom:o=0,minRotationX:s=-90,maxRotationX:c=90,minZoom:l=-1/0,maxZoom:u=1/0,maxBounds:d=null,maxBoundsPadding:f=null,startPanPosition:p,startRotatePos:m,startRotationX:h,startRotationOrbit:g,startZoomPosition:_,startZoom:v}=e;super({width:t,height:n,rotationX:r,rotationOrbit:i,target:a,zoom:o,minRotationX:s,maxRotationX:c,minZoom:l,maxZoom:u,maxBounds:d,maxBoundsPadding:f},{startPanPosition:p,startRotatePos:m,startRotationX:h,startRotationOrbit:g,startZoomPosition:_,startZoom:v},e.makeViewport),this.unproject3D=e.unproject3D}panStart({pos:e}){return this._getUpdatedState({startPanPosition:this._unproject(e)})}pan({pos:e,startPosition:t}){let n=this.getState().startPanPosition||t;if(!n)return this;let r=this.makeViewport(this.getViewportProps()).panByPosition(n,e);return this._getUpdatedState(r)}panEnd(){return this._getUpdatedState({startPanPosition:null})}rotateStart({pos:e}){return this._getUpdatedState({startRotatePos:e,startRotationX:this.getViewportProps().rotationX,startRotationOrbit:this.getViewportProps().rotationOrbit})}rotate({pos:e,deltaAngleX:t=0,deltaAngleY:n=0}){let{startRotatePos:r,startRotationX:i,startRotationOrbit:a}=this.getState(),{width:o,height:s}=this.getViewportProps();if(!r||i===void 0||a===void 0)return this;let c;if(e){let t=(e[0]-r[0])/o,n=(e[1]-r[1])/s;(i<-90||i>90)&&(t*=-1),c={rotationX:i+n*180,rotationOrbit:a+t*180}}else c={rotationX:i+n,rotationOrbit:a+t};return this._getUpdatedState(c)}rotateEnd(){return this._getUpdatedState({startRotationX:null,startRotationOrbit:null})}shortestPathFrom(e){let t=e.getViewportProps(),n={...this.getViewportProps()},{rotationOrbit:r}=n;return Math.abs(r-t.rotationOrbit)>180&&(n.rotationOrbit=r<0?r+360:r-360),n}zoomStart({pos:e}){return this._getUpdatedState({startZoomPosition:this._unproject(e),startZoom:this.getViewportProps().zoom})}zoom({pos:e,startPos:t,scale:n}){let{startZoom:r,startZoomPosition:i}=this.getState();if(i||=(r=this.getViewportProps().zoom,this._unproject(t||e)),!i)return this;let a=this._calculateNewZoom({scale:n,startZoom:r}),o=this.makeViewport({...this.getViewportProps(),zoom:a});return this._getUpdatedState({zoom:a,...o.panByPosition(i,e)})}zoomEnd(){return this._getUpdatedState({startZoomPosition:null,startZoom:null})}zoomIn(e=2){return this._getUpdatedState({zoom:this._calculateNewZoom({scale:e})})}zoomOut(e=2){return this._getUpdatedState({zoom:this._calculateNewZoom({scale:1/e})})}moveLeft(e=50){return this._panFromCenter([-e,0])}moveRight(e=50){return this._panFromCenter([e,0])}moveUp(e=50){return this._panFromCenter([0,-e])}moveDown(e=50){return this._panFromCenter([0,e])}rotateLeft(e=15){return this._getUpdatedState({rotationOrbit:this.getViewportProps().rotationOrbit-e})}rotateRight(e=15){return this._getUpdatedState({rotationOrbit:this.getViewportProps().rotationOrbit+e})}rotateUp(e=10){return this._getUpdatedState({rotationX:this.getViewportProps().rotationX-e})}rotateDown(e=10){return this._getUpdatedState({rotationX:this.getViewportProps().rotationX+e})}_project(e){return this.makeViewport(this.getViewportProps()).project(e)}_unproject(e){return this.unproject3D?.(e)||this.makeViewport(this.getViewportProps()).unproject(e)}_calculateNewZoom({scale:e,startZoom:t}){t===void 0&&(t=this.getViewportProps().zoom);let n=t+Math.log2(e);return this._constrainZoom(n)}_panFromCenter(e){let{target:t}=this.getViewportProps(),n=this._project(t);return this.pan({startPosition:t,pos:[n[0]+e[0],n[1]+e[1]]})}_getUpdatedState(e){return new this.constructor({makeViewport:this.makeViewport,...this.getViewportProps(),...this.getState(),...e})}applyConstraints(e){let{maxRotationX:t,minRotationX:n,rotationOrbit:r}=e;return e.zoom=this._constrainZoom(e.zoom,e),e.rotationX=z(e.rotationX,n,t),(r<-180||r>180)&&(e.rotationOrbit=jd(r+180,360)-180),e.target=this._constrainTarget(e),e}_constrainZoom(e,t){t||=this.getViewportProps();let{maxZoom:n,maxBounds:r}=t,{minZoom:i}=t;if(r&&t.width>0&&t.height>0){let a=im(t.width,t.height,t.maxBoundsPadding),o=[];if(a.width>0||a.height>0){let s=am(this.makeViewport({...t,zoom:e}),t.target,a);a.width>0&&o.push(s.left,s.right),a.height>0&&o.push(s.top,s.bottom);let c=Math.min(...o)*2,l=r[1][0]-r[0][0],u=r[1][1]-r[0][1],d=(r[1][2]??0)-(r[0][2]??0),f=Math.sqrt(l*l+u*u+d*d);c>0&&f>0&&(i=Math.max(i,Math.log2(c/f)),i>n&&(i=n))}}return z(e,i,n)}_constrainTarget(e){let{target:t,maxBounds:n}=e;if(!n)return t;let r=im(e.width,e.height,e.maxBoundsPadding);if(r.width<0||r.height<0)return t;let[[i,a,o=0],[s,c,l=0]]=n;if(t[0]>=i&&t[0]<=s&&t[1]>=a&&t[1]<=c&&t[2]>=o&&t[2]<=l)return t;let u=this.makeViewport?.(e);if(u){let{cameraPosition:e}=u,n=e[0]-t[0],r=e[1]-t[1],d=e[2]-t[2],f=n*t[0]+r*t[1]+d*t[2],p=n*(n>=0?i:s)+r*(r>=0?a:c)+d*(d>=0?o:l),m=n*(n>=0?s:i)+r*(r>=0?c:a)+d*(d>=0?l:o);if((n||r||d)&&f>=p&&f<=m){let e=e=>z(e,i,s),u=e=>z(e,a,c),p=e=>z(e,o,l),m=i=>n*e(t[0]-i*n)+r*u(t[1]-i*r)+d*p(t[2]-i*d)-f,h=-1,g=1,_=m(h),v=m(g);for(;_<0;)g=h,v=_,h*=2,_=m(h);for(;v>0;)h=g,_=v,g*=2,v=m(g);for(let e=0;e<30;e++){let e=(h+g)/2;m(e)>0?h=e:g=e}let y=(h+g)/2;return[e(t[0]-y*n),u(t[1]-y*r),p(t[2]-y*d)]}}return[z(t[0],i,s),z(t[1],a,c),z(t[2],o,l)]}},xS=class extends em{constructor(){super(...arguments),this.ControllerState=bS,this.transition={transitionDuration:300,transitionInterpolator:new Kp({transitionProps:{compare:[`target`,`zoom`,`rotationX`,`rotationOrbit`],required:[`target`,`zoom`]}})},this._unproject3D=e=>{if(this.pickPosition){let{x:t,y:n}=this.props,r=this.pickPosition(t+e[0],n+e[1]);if(r&&r.coordinate)return r.coordinate}return null}}setProps(e){e.unproject3D=this._unproject3D,super.setProps(e)}},SS=class extends Pp{constructor(e={}){super(e),this.props.orbitAxis=e.orbitAxis||`Z`}getViewportType(){return gS}get ControllerType(){return xS}};SS.displayName=`OrbitView`;var CS=1;function wS({zoom:e=0,zoomX:t,zoomY:n}){return t??=Array.isArray(e)?e[0]:e,n??=Array.isArray(e)?e[1]:e,{zoomX:t,zoomY:n}}function TS(e,t,n,r,i){let a=e[0][t]+n,o=e[1][t]-r,s=(a+o)/2;return{minimum:a,maximum:o,midpoint:s,settledTarget:Number.isFinite(n)&&Number.isFinite(r)&&a<=o?z(i,a,o):s}}var ES=class extends nm{constructor(e){let{width:t,height:n,target:r=[0,0,0],zoom:i=0,zoomAxis:a=`all`,minZoom:o=-1/0,maxZoom:s=1/0,minZoomX:c=o,maxZoomX:l=s,minZoomY:u=o,maxZoomY:d=s,maxBounds:f=null,maxBoundsPadding:p=null,rubberBand:m=!1,startPanPosition:h,startZoomPosition:g,startZoom:_}=e,{[tm]:v}=e,{zoomX:y,zoomY:b}=wS(e);super({width:t,height:n,target:r,zoom:i,zoomX:y,zoomY:b,zoomAxis:a,minZoomX:c,maxZoomX:l,minZoomY:u,maxZoomY:d,maxBounds:f,maxBoundsPadding:p,rubberBand:m,[tm]:v},{startPanPosition:h,startZoomPosition:g,startZoom:_},e.makeViewport,e.constraintContext)}panStart({pos:e},t){return this._getUpdatedState({startPanPosition:this._unproject(e)},t)}pan({pos:e,startPosition:t},n){let r=this.getState().startPanPosition||t;if(!r)return this;let i=this.makeViewport(this.getViewportProps()).panByPosition(r,e);return this._getUpdatedState(i,n)}panEnd(e){return this._getUpdatedState({startPanPosition:null},e)}rotateStart(){return this}rotate(){return this}rotateEnd(){return this}shortestPathFrom(e){return e.getViewportProps(),{...this.getViewportProps()}}zoomStart({pos:e},t){let{zoomX:n,zoomY:r}=this.getViewportProps();return this._getUpdatedState({startZoomPosition:this._unproject(e),startZoom:[n,r]},t)}zoom({pos:e,startPos:t,scale:n},r){let{startZoom:i,startZoomPosition:a}=this.getState();if(!a){let{zoomX:n,zoomY:r}=this.getViewportProps();i=[n,r],a=this._unproject(t||e)}if(!a)return this;let o=this._calculateNewZoom({scale:n,startZoom:i});return this._getUpdatedState({...o,[tm]:{position:a,screenPosition:e}},r)}zoomEnd(e){return this._getUpdatedState({startZoomPosition:null,startZoom:null},e)}zoomIn(e=2,t){return this._getUpdatedState(this._calculateNewZoom({scale:e}),t)}zoomOut(e=2,t){return this._getUpdatedState(this._calculateNewZoom({scale:1/e}),t)}moveLeft(e=50,t){return this._panFromCenter([-e,0],t)}moveRight(e=50,t){return this._panFromCenter([e,0],t)}moveUp(e=50,t){return this._panFromCenter([0,-e],t)}moveDown(e=50,t){return this._panFromCenter([0,e],t)}rotateLeft(e=15){return this}rotateRight(e=15){return this}rotateUp(e=10){return this}rotateDown(e=10){return this}_project(e){return this.makeViewport(this.getViewportProps()).project(e)}_unproject(e){let[t,n]=this.makeViewport(this.getViewportProps()).unproject(e);return[t,n]}_calculateNewZoom({scale:e,startZoom:t}){let{zoomX:n,zoomY:r,zoomAxis:i}=this.getViewportProps();t===void 0&&(t=[n,r]);let a=Math.log2(e),[o,s]=t;switch(i){case`X`:o+=a;break;case`Y`:s+=a;break;default:o+=a,s+=a}return{zoomX:o,zoomY:s}}_panFromCenter(e,t){let{target:n}=this.getViewportProps(),r=this._project(n);return this.pan({startPosition:n,pos:[r[0]+e[0],r[1]+e[1]]},t)}_getUpdatedState(e,t){return new this.constructor({makeViewport:this.makeViewport,...this.getViewportProps(),...this.getState(),...e,constraintContext:t})}applyConstraints(e,t){let n=e,r=n[tm];delete n[tm];let i=wS(e),a=this._constrainZoom(i,e),o=e.rubberBand&&t?.mode===`elastic`,{zoomX:s,zoomY:c}=t?.mode===`preserve`?i:o?{zoomX:rm(i.zoomX,a.zoomX,CS),zoomY:rm(i.zoomY,a.zoomY,CS)}:a;if(e.zoomX=s,e.zoomY=c,r){let t=this.makeViewport({...e,zoomX:s,zoomY:c});Object.assign(e,t.panByPosition(r.position,r.screenPosition))}e.zoom=Array.isArray(e.zoom)||e.zoomX!==e.zoomY?[e.zoomX,e.zoomY]:e.zoomX;let{maxBounds:l,rubberBand:u,target:d}=e;if(l){let n=im(e.width,e.height,e.maxBoundsPadding),r=this.makeViewport(e),i=am(r,d,n),a=r.project(d),f=[0,1].map(e=>{let t=d.slice();t[e]+=1;let n=r.project(t)[e]-a[e];return Number.isFinite(n)?n:2**(e===0?s:c)*(e===0?1:-1)}),p=f.map((e,t)=>{let n=t===0?i.left:i.top,r=t===0?i.right:i.bottom,a=Math.abs(e);return e>=0?[n/a,r/a]:[r/a,n/a]}),m=d.slice(),h=[n.width,n.height];for(let[e,[r,i]]of p.entries()){if(h[e]<0)continue;let{minimum:a,maximum:s,midpoint:c,settledTarget:p}=TS(l,e,r,i,d[e]);if(t?.mode!==`preserve`&&u&&(!Number.isFinite(r)||!Number.isFinite(i))){m[e]=c;continue}let g=u?p:z(d[e],a,s);m[e]=t?.mode===`preserve`?d[e]:o?rm(d[e],g,(e===0?n.width:n.height)/2/Math.abs(f[e])):g}(m[0]!==d[0]||m[1]!==d[1])&&(e.target=m)}return e}_constrainZoom({zoomX:e,zoomY:t},n){n||=this.getViewportProps();let{zoomAxis:r,maxZoomX:i,maxZoomY:a,maxBounds:o}=n,{minZoomX:s,minZoomY:c}=n;if(o!==null&&n.width>0&&n.height>0){let e=im(n.width,n.height,n.maxBoundsPadding),t=o[0],r=o[1],l=r[0]-t[0],u=r[1]-t[1];e.width>0&&Number.isFinite(l)&&l>0&&(s=Math.max(s,Math.log2(e.width/l)),s>i&&(s=i)),e.height>0&&Number.isFinite(u)&&u>0&&(c=Math.max(c,Math.log2(e.height/u)),c>a&&(c=a))}switch(r){case`X`:e=z(e,s,i);break;case`Y`:t=z(t,c,a);break;default:let n=Math.min(i-e,a-t,0);n===0&&(n=Math.max(s-e,c-t,0)),n!==0&&(e+=n,t+=n)}return{zoomX:e,zoomY:t}}},DS=class extends em{constructor(){super(...arguments),this.ControllerState=ES,this.transition={transitionDuration:300,transitionInterpolator:new Kp([`target`,`zoomX`,`zoomY`])},this.dragMode=`pan`}setProps(e){Object.assign(e,wS(e)),super.setProps(e)}_onMultiPanStart(e){return this.multiTouchDrag===`pan`&&super._onMultiPanStart(e)}_onPanRotate(){return!1}},OS=class extends Pp{constructor(e={}){super(e)}getViewportType(){return yS}get ControllerType(){return DS}};OS.displayName=`OrthographicView`;var kS=.14,AS=.04,jS=1.1400000000000001;function MS(e,t,n,r=t){let i=e*t;return(n??Array.from({length:i},(e,t)=>t)).map((e,n)=>{let i=Math.floor(n/r),a=n%r;return{index:e,layer:Math.floor(e/t),head:e%t,row:i,col:a,x:a*jS,y:i*jS}})}function NS(e,t){return[t*jS-kS,e*jS-kS]}function PS(e,t,n,r,i=.94){let a=Math.min(n/Math.max(e,1e-9),r/Math.max(t,1e-9))*i;return Math.log2(Math.max(a,1e-9))}function FS(e,t,n,r,i,a,o=.94){return{target:[e+n/2,t+r/2,0],zoom:PS(n,r,i,a,o)}}function IS(e,t,n,r,i){let a=2**e.zoom;return[(r-e.target[0])*a+t/2,(i-e.target[1])*a+n/2]}function LS(e,t,n,r,i){let a=2**e.zoom;return[(r-t/2)/a+e.target[0],(i-n/2)/a+e.target[1]]}function RS(e,t,n,r){let i=Math.floor(n/jS),a=Math.floor(r/jS);if(i<0||i>=t||a<0||n-i*1.1400000000000001>1||r-a*1.1400000000000001>1)return-1;let o=a*t+i;return o<e.length?o:-1}var zS=35*Math.PI/180,BS=25*Math.PI/180,VS=Math.cos(zS),HS=Math.sin(zS),US=Math.cos(BS),WS=Math.sin(BS);function GS(e,t,n){let r=VS*e+HS*n,i=-HS*e+VS*n;return[r,US*t-WS*i]}function KS(e,t,n,r,i,a,o=0){let s=65535;if(r===2){let r=i[1]-i[0],c=i[3]-i[2],l=Math.max(r,c)||1,u=r/l/s,d=c/l/s,f=(1-r/l)/2,p=(1-c/l)/2;for(let r=0;r<n;r++){let n=(t+r)*2;a[o+r*2]=f+e[n]*u,a[o+r*2+1]=p+e[n+1]*d}return}let c=[i[0],i[2],i[4]],l=[i[1]-i[0],i[3]-i[2],i[5]-i[4]],u=new Float32Array(n*2),d=1/0,f=-1/0,p=1/0,m=-1/0;for(let r=0;r<n;r++){let n=(t+r)*3,[i,a]=GS(c[0]+e[n]/s*l[0]-(c[0]+l[0]/2),c[1]+e[n+1]/s*l[1]-(c[1]+l[1]/2),c[2]+e[n+2]/s*l[2]-(c[2]+l[2]/2));u[r*2]=i,u[r*2+1]=a,i<d&&(d=i),i>f&&(f=i),a<p&&(p=a),a>m&&(m=a)}let h=f-d,g=m-p,_=Math.max(h,g)||1,v=(1-h/_)/2,y=(1-g/_)/2;for(let e=0;e<n;e++)a[o+e*2]=v+(u[e*2]-d)/_,a[o+e*2+1]=y+(u[e*2+1]-p)/_}function qS(e,t,n,r){let i=[r[1]-r[0],r[3]-r[2],r[5]-r[4]],a=Math.max(i[0],i[1],i[2])||1,o=new Float32Array(n*3);for(let r=0;r<n;r++){let n=(t+r)*3;for(let t=0;t<3;t++)o[r*3+t]=(e[n+t]/65535-.5)*i[t]/a}return o}function JS(e,t,n){let r=e*t,i=t,a=MS(e,t,n,i),o=new Int32Array(r);return a.forEach((e,t)=>o[e.index]=t),{slots:a,slotOf:o,nCols:i,nRows:Math.ceil(r/i)}}function YS(e,t){return e.slots[e.slotOf[t]]}function XS(e,t,n){let[r,i]=NS(e.nRows,e.nCols),a=Math.max(1e-9,Math.min((t-34-20)/r,(n-20-20)/i));return{target:[r/2-34/(2*a),i/2-20/(2*a),0],zoom:Math.log2(a)}}function ZS(e,t,n,r){let[i,a]=NS(e,t);return Math.max(1e-9,Math.min((n-34-20)/i,(r-20-20)/a))}function QS(e,t,n,r){let i=YS(e,t);return FS(i.x,i.y,1,1,n,r,.92)}function $S(e,t,n,r){let i=e.slotOf[t],a=Math.floor(i/e.nCols)+n,o=i%e.nCols+r;o<0&&(o=e.nCols-1,a--),o>=e.nCols&&(o=0,a++);let s=a*e.nCols+o;return a<0||s>=e.slots.length?-1:e.slots[s].index}function eC(e,t,n,r){let[i,a]=LS(t,n,r,0,0),[o,s]=LS(t,n,r,n,r),c=new Set;for(let t of e.slots)t.x+1>=i&&t.x<=o&&t.y+1>=a&&t.y<=s&&c.add(t.layer);return[...c].sort((e,t)=>e-t)}var tC=3,nC=5,rC=()=>new OS({id:`ortho`,controller:{doubleClickZoom:!1,inertia:!1}}),iC=()=>new SS({id:`orbit`,controller:{inertia:!1},orbitAxis:`Y`}),aC=class{stage;canvas;under;over;events;deck;vs={target:[0,0,0],zoom:0};mode3d=!1;transitioning=!1;parts=[];gl=null;frameStart=0;renderTimer=0;shown=[];constructor(e,t,n,r,i){this.stage=e,this.canvas=t,this.under=n,this.over=r,this.events=i,this.deck=new hv({canvas:t,width:`100%`,height:`100%`,views:[rC()],initialViewState:{ortho:this.vs},layers:[],pickingRadius:tC,deviceProps:{type:`webgl`,webgl:{preserveDrawingBuffer:!0,antialias:!1}},onViewStateChange:({viewState:e})=>{this.vs=e;for(let e of this.parts)e.viewChanged?.();this.events.viewChanged()},onHover:e=>this.events.hover(this.pick(e),e),onBeforeRender:({gl:e})=>{this.gl=e,this.frameStart=performance.now()},onAfterRender:()=>this.afterRender(),onError:e=>this.events.error(e),getCursor:({isHovering:e,isDragging:t})=>t?`grabbing`:e?`pointer`:`default`});let a=null;t.addEventListener(`pointerdown`,e=>a=[e.clientX,e.clientY]),t.addEventListener(`click`,e=>{let t=!a||Math.hypot(e.clientX-a[0],e.clientY-a[1])>nC;a=null,t||this.clickAt(e.clientX,e.clientY)})}clickAt(e,t){let n=this.canvas.getBoundingClientRect(),r=e-n.left,i=t-n.top,a=null;try{a=this.deck.isInitialized?this.deck.pickObject({x:r,y:i,radius:tC}):null}catch(e){this.events.error(e)}let[o,s]=this.size();this.events.click(a?this.pick(a):null,this.mode3d?void 0:LS(this.view2d,o,s,r,i))}add(e){this.parts.includes(e)||this.parts.push(e)}remove(e){this.parts=this.parts.filter(t=>t!==e)}render(){this.renderTimer&&=(clearTimeout(this.renderTimer),0);let e=oC(this.parts.flatMap(e=>e.layers()));cC(this.shown,e)||(this.shown=e,this.deck.setProps({layers:e})),this.drawOverlays()}renderSoon(e=250){this.renderTimer||=window.setTimeout(()=>{this.renderTimer=0,this.render()},e)}size(){let e=this.stage.getBoundingClientRect();return[Math.max(1,e.width),Math.max(1,e.height)]}get view2d(){return this.vs}get scale(){return 2**(this.view2d.zoom??0)}setViewState(e,t=0,n){let r={...e};if(t>0){r.transitionDuration=t,r.transitionInterpolator=new Kp(this.mode3d?[`target`,`zoom`,`rotationX`,`rotationOrbit`]:[`target`,`zoom`]),this.transitioning=!0;let e=!1,i=()=>{e||(e=!0,this.transitioning=!1,n?.())};r.onTransitionEnd=i,r.onTransitionInterrupt=i,window.setTimeout(i,t+400)}this.vs={...e},this.deck.setProps({initialViewState:{[this.mode3d?`orbit`:`ortho`]:r}}),t<=0&&n?.()}enterOrbit(e){this.mode3d=!0,this.deck.setProps({views:[iC()]}),this.setViewState(e)}leaveOrbit(e){this.mode3d=!1,this.deck.setProps({views:[rC()]}),this.setViewState(e)}screenOf(e){if(this.mode3d){let t=this.deck.isInitialized?this.deck.getViewports()[0]:void 0;if(!t)return null;let n=t.project(Array.from(e));return[n[0],n[1]]}let[t,n]=this.size();return IS(this.view2d,t,n,e[0],e[1])}rect(){return this.canvas.getBoundingClientRect()}pageOf(e){let t=this.screenOf(e);if(!t)return null;let n=this.canvas.getBoundingClientRect();return[n.left+t[0],n.top+t[1]]}sync(){let e=this.gl;e&&e.readPixels(0,0,1,1,e.RGBA,e.UNSIGNED_BYTE,new Uint8Array(4))}frameTime(){let e=performance.now();return this.deck.redraw(`benchmark`),this.sync(),performance.now()-e}pick(e){if(!e||!e.picked||e.index<0||!e.layer)return null;for(let t of this.parts){let n=t.pick?.(e);if(n)return n}return null}afterRender(){this.events.frame(this.frameStart,performance.now()-this.frameStart),this.drawOverlays();for(let e of this.parts)e.afterRender?.()}frame(){let[e,t]=this.size();return{width:e,height:t,view:this.view2d,mode3d:this.mode3d,project:e=>this.screenOf(e)}}drawOverlays(){let e=lC(this.under,...this.size()),t=lC(this.over,...this.size()),n=this.frame();for(let t of this.parts)t.drawUnder?.(e,n);for(let e of this.parts)e.drawOver?.(t,n)}};function oC(e){let t=[];for(let n of e)Array.isArray(n)?t.push(...oC(n)):n&&t.push(n);return t}function sC(e,t,n){if(e===t)return!0;if(n<=0||typeof e!=`object`||typeof t!=`object`||e===null||t===null||ArrayBuffer.isView(e)||ArrayBuffer.isView(t))return!1;let r=Object.keys(e),i=Object.keys(t);if(r.length!==i.length)return!1;let a=e,o=t;return r.every(e=>e in o&&sC(a[e],o[e],n-1))}function cC(e,t){if(e.length!==t.length)return!1;for(let n=0;n<e.length;n++){let r=e[n],i=t[n];if(r===i)continue;if(r.id!==i.id||r.constructor!==i.constructor)return!1;let a=r.props,o=i.props;if(a.data!==o.data)return!1;for(let e in o){let t=a[e],n=o[e];if(!(t===n||typeof t==`function`&&typeof n==`function`)&&!sC(t,n,2))return!1}}return!0}function lC(e,t,n){let r=window.devicePixelRatio||1;(e.width!==Math.round(t*r)||e.height!==Math.round(n*r))&&(e.width=Math.round(t*r),e.height=Math.round(n*r));let i=e.getContext(`2d`);return i.setTransform(r,0,0,r,0,0),i.clearRect(0,0,t,n),i}function uC(e,t,n){let r=e.grid;if(!e.info||!r||!e.tokens)return null;if(t)return e.view===`matrix`||t.index!==P(e)?{kind:`focus`,index:t.index,token:{row:t.row,role:t.role}}:{kind:`select`,row:t.row,role:t.role};if(!n)return null;let i=RS(r.slots,r.nCols,n[0],n[1]);return i>=0&&(e.view===`matrix`||r.slots[i].index!==P(e))?{kind:`focus`,index:r.slots[i].index}:null}var dC={ArrowLeft:[0,-1],ArrowRight:[0,1],ArrowUp:[-1,0],ArrowDown:[1,0]};function fC(e,t,n){let r=e.target?.tagName;if(r===`INPUT`||r===`SELECT`||r===`TEXTAREA`||!t.info)return;if(e.key===`Escape`){t.view===`sequence`||t.view===`image`?n.closeOverlay():mt(t)?n.clearSelection():t.view===`head`&&n.backToMatrix(),e.preventDefault();return}let i=dC[e.key];i&&(e.preventDefault(),t.view===`matrix`?n.focusHead(P(t)):n.step(...i))}var pC={cell:[27,31,38,255],cellLine:[44,50,60,255],text:[227,230,234,255],muted:[140,150,163,255],labelBg:[16,19,23,215],accent:[79,179,255,255],ring:[255,255,255,255],textCss:`#e3e6ea`,mutedCss:`#8c96a3`,panelCss:`#12161b`,heatBgCss:`#22272e`,strokeCss:`#fff`},mC={cell:[255,255,255,255],cellLine:[214,214,208,255],text:[30,32,36,255],muted:[110,116,124,255],labelBg:[255,255,255,215],accent:[10,111,194,255],ring:[20,20,20,255],textCss:`#1d2024`,mutedCss:`#666d76`,panelCss:`#fafaf8`,heatBgCss:`#e4e4e0`,strokeCss:`#000`};function hC(e){return e===`light`?mC:pC}function gC(e){return`rgba(${e[0]},${e[1]},${e[2]},${(e[3]??255)/255})`}function _C(e,t,n){return[Math.round(e[0]+(t[0]-e[0])*n),Math.round(e[1]+(t[1]-e[1])*n),Math.round(e[2]+(t[2]-e[2])*n),255]}function Z(e,t={},...n){let r=document.createElement(e);for(let[e,n]of Object.entries(t))e===`class`?r.className=String(n):e===`style`?r.style.cssText=String(n):e.startsWith(`on`)&&typeof n==`function`?r.addEventListener(e.slice(2),n):n!=null&&n!==!1&&typeof n!=`function`&&r.setAttribute(e,n===!0?``:String(n));for(let e of n)e!==null&&r.append(e);return r}function Q(e,t){let n=document.createElement(`option`);return n.value=e,n.textContent=t,n}function vC(e){let t=Z(`div`,{class:`kv`});for(let[n,r]of e)t.append(Z(`div`,{},n),Z(`div`,{},r));return t}function yC(e){return e==null?`–`:typeof e!=`number`||Number.isInteger(e)?String(e):Math.abs(e)>=100?e.toFixed(0):e.toPrecision(3)}function bC(e){return e.replace(/[&<>"']/g,e=>({"&":`&amp;`,"<":`&lt;`,">":`&gt;`,'"':`&quot;`,"'":`&#39;`})[e])}function xC(e,t,n,r){return Z(`button`,{title:t,onclick:n,id:r},e)}function SC(e,t,n,r){return Z(`section`,{id:`atlas-info`},Z(`h3`,{},`atlas`),vC([[`model`,`${e.name} (${e.kind}${e.causal?`, causal`:``})`],[`heads`,`${e.n_layers} layers \u00d7 ${e.n_heads} heads${e.n_kv_heads===e.n_heads?``:` (${e.n_kv_heads} key heads, grouped-query)`}`],[`corpus`,`${e.corpus?.name??``}: ${e.n_sequences} ${e.image?`images`:`sequences`}, ${e.n_tokens.toLocaleString()} tokens`],[`layout`,t+(n?` (matrix shows ${n.m.toLocaleString()} of ${e.n_tokens.toLocaleString()} tokens per head)`:``)],...r?[[`on the wire`,`${(r.layout/1e6).toFixed(2)} MB, ${r.perPoint.toFixed(2)} B/point`]]:[]]))}function CC(e){return Z(`span`,{class:`swatch`,style:`background:${e}`})}function wC(e,t,n,r,i,a=``){let o=Ot(e,n),s=Z(`section`,{id:`legend`},Z(`h3`,{},`colour: ${t}`));for(let e of o.items??[])s.append(Z(`span`,{class:`legend-item`},CC(N(e.color)),e.label));for(let e of o.ramps??[]){let t=e.ramp===`hue`?[0,1/6,2/6,3/6,4/6,5/6,1].map(e=>`hsl(${e*360},85%,55%)`):ke[e.ramp].map(e=>N(e));s.append(Z(`div`,{class:`legend-item`},`${e.label}: ${e.lo}`,Z(`span`,{class:`ramp`,style:`background:linear-gradient(90deg,${t.join(`,`)})`}),e.hi))}if(r!==`none`&&i){if(r===`label`){let e=i.labels.map(e=>Z(`span`,{class:`legend-item`,title:i.description(e)},CC(N(i.labelColor(e))),e));s.append(Z(`div`,{},Z(`span`,{class:`muted`},`cells: `),...e))}else if(We(r)){let e=We(r);s.append(Z(`div`,{class:`legend-item`,id:`tint-legend`,title:He[e]},`cells: ${e} of ${a} 0`,Z(`span`,{class:`ramp`,style:`background:linear-gradient(90deg,${ke.viridis.map(e=>N(e)).join(`,`)})`}),`1`))}else{let e=r.slice(7),[t,n]=i.metricExtent(e);s.append(Z(`div`,{class:`legend-item`},`cells: ${e} ${t.toPrecision(2)}`,Z(`span`,{class:`ramp`,style:`background:linear-gradient(90deg,${ke.viridis.map(e=>N(e)).join(`,`)})`}),n.toPrecision(2)))}}return s}function TC(e,t,n,r,i){let a=Z(`section`,{id:`selection`},Z(`h3`,{},`selected token`));if(a.append(Z(`div`,{},Z(`b`,{},$e(t.token(e.row),40)),` `,Z(`span`,{class:`chip`,style:`background:${N(e.role===`query`?M.query:M.key)}`},e.role),` `,Z(`span`,{class:`muted`},`position ${t.pos(e.row)} of ${e.n}, ${n.image?`image`:`sequence`} ${e.seq}`))),!n.image){let n=Z(`div`,{class:`seqtext`});for(let r=0;r<e.n;r++){let a=e.start+r,o=Z(`span`,{class:a===e.row?`sel`:``,style:`cursor:pointer`,title:`position ${r}`},$e(t.token(a),30));o.onclick=()=>void i.selectToken(a,e.role),n.append(o,` `)}a.append(n)}if(r?.error&&a.append(Z(`div`,{class:`muted`},r.error)),r&&r.weights&&r.targets.length){let n=r.weights;a.append(Z(`div`,{class:`muted`,style:`margin-top:4px`},e.role===`query`?`attends most to:`:`attended most by:`)),a.append(vC(r.targets.map(e=>[$e(t.token(e.row),20),`${(n[e.row-r.start]*100).toFixed(1)}%`])))}let o=Z(`div`,{style:`margin-top:6px; display:flex; gap:4px`},Z(`button`,{onclick:()=>i.openSequence(),id:`open-sequence-2`},`sequence view`),Z(`button`,{onclick:()=>i.clearSelection()},`clear`));return n.images&&o.append(Z(`button`,{onclick:()=>i.openImage(),id:`open-image-2`},`image view`)),a.append(o),a}function EC(e,t,n,r,i,a){let o=Z(`section`,{id:`head-map`},Z(`h3`,{},`head map`));if(!e||!e.hasMap)return o.append(Z(`div`,{class:`muted`},e?`this atlas has no head map`:t?`unavailable: ${t}`:`loading…`)),[o,null];let s=Z(`canvas`,{width:296,height:210,class:`click`,id:`head-map-canvas`}),c=s.getContext(`2d`),l=e.mapPoints(),[u,d]=Re(l.map(e=>e.x)),[f,p]=Re(l.map(e=>e.y)),m=e=>10+ze(e,u,d)*276,h=e=>200-ze(e,f,p)*190;c.fillStyle=hC(r).panelCss,c.fillRect(0,0,296,210);let g=l.map(e=>({x:m(e.x),y:h(e.y),index:e.index,label:e.label}));for(let t of g)c.fillStyle=N(e.labelColor(t.label),.9),c.beginPath(),c.arc(t.x,t.y,3.2,0,Math.PI*2),c.fill();let _=g.find(e=>e.index===i);_&&(c.strokeStyle=hC(r).strokeCss,c.lineWidth=2,c.beginPath(),c.arc(_.x,_.y,6.5,0,Math.PI*2),c.stroke());let v=e=>{let t=s.getBoundingClientRect(),n=e.clientX-t.left,r=e.clientY-t.top,i=null,a=100;for(let e of g){let t=(e.x-n)**2+(e.y-r)**2;t<a&&(a=t,i=e)}return i};s.onclick=e=>{let t=v(e);t&&a.focusHead(t.index)},s.onmousemove=e=>{let t=v(e);s.title=t?`L${Math.floor(t.index/n.n_heads)} H${t.index%n.n_heads}: ${t.label}`:``},o.append(s);let y=Z(`div`,{});for(let t of e.labels)y.append(Z(`span`,{class:`legend-item`,title:e.description(t)},CC(N(e.labelColor(t))),t));return o.append(y),[o,{points:g.map(e=>({x:e.x,y:e.y,layer:Math.floor(e.index/n.n_heads),head:e.index%n.n_heads}))}]}function DC(){return Z(`section`,{},Z(`p`,{class:`muted`},`Click a head (or a point) to zoom in; arrows step between heads, Esc goes back. Drag to pan, scroll to zoom.`))}function OC(e,t,n){let r=t.info,i=e.side;if(i.replaceChildren(),e.nav.style.display=r&&t.view!==`matrix`?`flex`:`none`,!r)return null;let[a,o]=F(P(t),r.n_heads);e.navTitle.textContent=`L${a} H${o}`,i.append(SC(r,t.layout??``,n.sample,n.bytes)),t.tokens&&i.append(wC(t.color,n.colorLabel,t.tokens,t.tint,t.heads,t.layout??``)),t.view!==`matrix`&&n.head&&i.append(n.head);let s=mt(t);s&&t.tokens&&i.append(TC(s,t.tokens,r,n.attention,n.actions));let[c,l]=EC(t.heads,t.headsError,r,t.theme,t.view===`matrix`?-1:P(t),n.actions);return i.append(c),t.view===`matrix`&&i.append(DC()),l}function kC(e){let t=Z(`canvas`,{id:`deck`}),n=Z(`canvas`,{id:`cells-canvas`,class:`overlay-canvas`}),r=Z(`canvas`,{id:`labels-canvas`,class:`overlay-canvas`}),i=Z(`div`,{id:`tooltip`}),a=Z(`div`,{id:`status`},`loading…`),o=Z(`div`,{id:`progress`,style:`width:0`}),s=Z(`span`,{class:`title`}),c=Z(`div`,{id:`nav`},xC(`← matrix`,`back to the matrix (Esc)`,()=>e.backToMatrix(),`back`),xC(`◀`,`previous head (←)`,()=>e.step(0,-1),`prev-head`),xC(`▶`,`next head (→)`,()=>e.step(0,1),`next-head`),xC(`▲`,`previous layer (↑)`,()=>e.step(-1,0),`prev-layer`),xC(`▼`,`next layer (↓)`,()=>e.step(1,0),`next-layer`),s),l=Z(`section`,{id:`overlay`}),u=Z(`div`,{id:`stage`},n,t,r,o,c,a,i,l),d=Z(`aside`,{id:`side`});return{main:Z(`main`,{},u,d),stage:u,canvas:t,under:n,over:r,tooltip:i,status:a,progress:o,nav:c,navTitle:s,overlay:l,side:d}}function AC(e,t,n=!1){e.textContent=t,e.className=n?`error`:``,e.style.display=t?`block`:`none`}var jC={tsne:`t-SNE`,pca:`PCA`,umap:`UMAP`,pacmap:`PaCMAP`};function MC(e){return`${jC[e.method]??e.method.toUpperCase()} ${e.dim}-D`}function NC(e){let t=e.n_layers*e.n_heads,n=new Map;for(let r of e.layouts)n.set(r.name,{...r,complete:!0,heads_done:t,heads_total:t});for(let t of e.layout_progress??[])t.complete&&n.has(t.name)||n.set(t.name,t);return[...n.values()].sort((t,n)=>t.dim-n.dim||PC(e,t)-PC(e,n))}function PC(e,t){let n=e.layouts.findIndex(e=>e.name===t.name);return n>=0?n:1e3+(e.layout_progress??[]).findIndex(e=>e.name===t.name)}function FC(e){return e.complete?MC(e):`${MC(e)} ${e.heads_done}/${e.heads_total}`}function IC(e){return(e.layout_progress??[]).filter(e=>!e.complete).map(e=>`${e.name} ${e.heads_done}/${e.heads_total}`)}function LC(e,t,n){let r=NC(t).map(e=>{let t=Q(e.name,FC(e));return t.disabled=!e.complete&&e.heads_done===0,e.complete||(t.title=`being computed: ${e.heads_done} of ${e.heads_total} heads done (shown as they finish)`),t});e.replaceChildren(...r),n&&(e.value=n)}function RC(e,t,n){let r=e.renderer.deck,i=Object.getOwnPropertyDescriptor(window,`devicePixelRatio`);Object.defineProperty(window,"devicePixelRatio",{configurable:!0,get:()=>t});try{return r.setProps({useDevicePixels:t}),r.redraw(`save view`),e.renderer.drawOverlays(),n()}finally{i?Object.defineProperty(window,"devicePixelRatio",i):delete window.devicePixelRatio,r.setProps({useDevicePixels:!0}),r.redraw(`save view done`),e.renderer.drawOverlays()}}function zC(e){return getComputedStyle(e.stage).backgroundColor||`#101317`}function BC(e){let t=e.store.get().view;return t!==`sequence`&&t!==`image`?null:[...e.overlay.querySelectorAll(`canvas`)]}function VC(e,t=2){let[n,r]=e.renderer.size(),i=Z(`canvas`,{width:Math.round(n*t),height:Math.round(r*t)}),a=i.getContext(`2d`);a.fillStyle=zC(e),a.fillRect(0,0,i.width,i.height);let o=BC(e);if(o){let n=e.stage.getBoundingClientRect();for(let e of o){let r=e.getBoundingClientRect();a.drawImage(e,(r.left-n.left)*t,(r.top-n.top)*t,r.width*t,r.height*t)}return i}return RC(e,t,()=>{for(let t of[e.under,e.renderer.canvas,e.over])a.drawImage(t,0,0,i.width,i.height)}),i}function HC(e){return Array.isArray(e)?e.flatMap(HC):e?[e]:[]}function UC(e,t,n,r){return typeof e==`function`?e(t,{index:n,data:r,target:[]}):e}var WC=e=>`#`+[0,1,2].map(t=>Math.round(e[t]).toString(16).padStart(2,`0`)).join(``),GC=e=>((e.length>3?e[3]:255)/255).toFixed(3).replace(/\.?0+$/,``)||`0`,KC=e=>(Math.round(e*10)/10).toString();function qC(e,t,n,r,i,a){let o=e.props;if(!o.visible&&o.visible!==void 0)return;if(`iconAtlas`in o||!(`data`in o)){a.raster=!0;return}let s=o.data,c=e=>t.renderer.screenOf(e),l=e=>!!e&&e[0]>=-20&&e[1]>=-20&&e[0]<=r+20&&e[1]<=i+20;if(`getSourcePosition`in o){s.forEach((e,t)=>{let n=c(UC(o.getSourcePosition,e,t,s)),r=c(UC(o.getTargetPosition,e,t,s));if(!n||!r)return;let i=UC(o.getColor,e,t,s),l=Number(UC(o.getWidth,e,t,s)??1);a.out.push(`<line x1="${KC(n[0])}" y1="${KC(n[1])}" x2="${KC(r[0])}" y2="${KC(r[1])}" stroke="${WC(i)}" stroke-opacity="${GC(i)}" stroke-width="${KC(l)}" stroke-linecap="round"/>`),a.count++});return}let u=o.radiusUnits??`common`,d=e=>{let t=e*Number(o.radiusScale??1)*(u===`pixels`?1:n);return Math.min(Number(o.radiusMaxPixels??64),Math.max(Number(o.radiusMinPixels??0),t))},f=!!o.stroked,p=(e,t)=>{if(!f)return``;let n=o.getLineColor===void 0?o.lineColor:UC(o.getLineColor,e,t,s),r=Number(o.lineWidthPixels??UC(o.getLineWidth,e,t,s)??1);return n?` stroke="${WC(n)}" stroke-opacity="${GC(n)}" stroke-width="${KC(r)}"`:``},m=Array.isArray(s)?void 0:s.attributes;if(m?.getPosition){let e=m.getPosition,t=m.getFillColor,n=m.getRadius,r=s.length,i=Number(UC(o.getRadius,null,0,s)??1);for(let o=0;o<r;o++){let r=c(Array.from({length:e.size},(t,n)=>e.value[o*e.size+n]));if(!l(r))continue;let s=t?[t.value[o*4],t.value[o*4+1],t.value[o*4+2],t.value[o*4+3]]:[0,0,0,255];if(s[3]!==0&&(a.out.push(`<circle cx="${KC(r[0])}" cy="${KC(r[1])}" r="${KC(d(n?n.value[o]:i))}" fill="${WC(s)}" fill-opacity="${GC(s)}"/>`),++a.count>2e5))return}}else s.forEach((e,t)=>{let n=c(UC(o.getPosition,e,t,s));if(!l(n))return;let r=UC(o.getFillColor,e,t,s);a.out.push(`<circle cx="${KC(n[0])}" cy="${KC(n[1])}" r="${KC(d(Number(UC(o.getRadius,e,t,s)??1)))}" fill="${WC(r)}" fill-opacity="${GC(r)}"${p(e,t)}/>`),a.count++})}function JC(e,t,n){return`<image x="0" y="0" width="${t}" height="${n}" href="${e.toDataURL(`image/png`)}"/>`}function YC(e){let[t,n]=e.renderer.size(),r=`<svg xmlns="http://www.w3.org/2000/svg" width="${t}" height="${n}" viewBox="0 0 ${t} ${n}">`,i=`<rect width="${t}" height="${n}" fill="${zC(e)}"/>`;if(BC(e))return`${r}${i}${JC(VC(e),t,n)}</svg>`;let a=e.renderer.deck.isInitialized?e.renderer.deck.getViewports()[0]:null,o=a?a.scale:e.renderer.scale,s={out:[],count:0,raster:!1};for(let r of HC(e.renderer.deck.props.layers))if(qC(r,e,o,t,n,s),s.raster||s.count>2e5)break;return RC(e,2,()=>{let a=e=>{let t=Z(`canvas`,{width:e.width,height:e.height});return t.getContext(`2d`).drawImage(e,0,0),t},o=s.raster||s.count>2e5?JC(a(e.renderer.canvas),t,n):`<g>${s.out.join(``)}</g>`;return`${r}${i}${JC(a(e.under),t,n)}${o}${JC(a(e.over),t,n)}</svg>`})}function XC(e,t){let n=e.store.get(),r=n.view===`matrix`?`matrix`:`${n.view}-L${n.layer}H${n.head}`;return`qkatlas-${n.atlas??`atlas`}-${n.layout??``}-${r}.${t}`.replace(/[^A-Za-z0-9_.-]+/g,`-`)}function ZC(e,t){let n=Z(`a`,{href:URL.createObjectURL(e),download:t});document.body.append(n),n.click(),n.remove(),setTimeout(()=>URL.revokeObjectURL(n.href),1e4)}function QC(e){let t=Z(`button`,{id:`save-png`,title:`save the view as PNG (2x)`},`PNG`),n=Z(`button`,{id:`save-svg`,title:`save the view as SVG (points and lines as vectors)`},`SVG`);return t.onclick=()=>VC(e).toBlob(t=>t&&ZC(t,XC(e,`png`)),`image/png`),n.onclick=()=>ZC(new Blob([YC(e)],{type:`image/svg+xml`}),XC(e,`svg`)),Z(`span`,{class:`save`,title:`save the view`},`save `,t,` `,n)}var $C=250,ew=class{store;actions;el;atlas=Z(`select`,{id:`atlas`,title:`atlas`});layout=Z(`select`,{id:`layout`,title:`layout`});color=Z(`select`,{id:`color`,title:`colour by`});size=Z(`input`,{type:`checkbox`,id:`size`});thumbs=Z(`input`,{type:`checkbox`,id:`thumbs`});thumbsWrap;tint=Z(`select`,{id:`tint`,title:`tint cells by a head metric or label`});sort=Z(`select`,{id:`sort`,title:`order of the heads in the matrix`});search=Z(`input`,{id:`search`,type:`search`,placeholder:`search a token…`,title:`exact token (case-insensitive) or, with regex, a pattern`});regex=Z(`input`,{type:`checkbox`,id:`regex`});count=Z(`span`,{id:`search-count`});theme=Z(`button`,{id:`theme`,title:`dark / light theme`});constructor(e,t){this.store=e,this.actions=t,this.atlas.onchange=()=>void t.switchAtlas(this.atlas.value),this.layout.onchange=()=>void t.switchLayout(this.layout.value),this.color.onchange=()=>e.set({color:this.color.value}),this.size.onchange=()=>e.set({size:this.size.checked}),this.thumbs.onchange=()=>e.set({thumbs:this.thumbs.checked}),this.tint.onchange=()=>e.set({tint:this.tint.value}),this.sort.onchange=()=>t.setSort(this.sort.value),this.regex.onchange=()=>this.runSearch(),this.theme.onclick=()=>e.set({theme:e.get().theme===`dark`?`light`:`dark`});let n=0;this.search.addEventListener(`input`,()=>{clearTimeout(n),n=window.setTimeout(()=>this.runSearch(),$C)}),this.search.addEventListener(`keydown`,e=>{e.key===`Enter`&&(clearTimeout(n),this.runSearch())}),this.thumbsWrap=Z(`label`,{title:`draw image patches as thumbnails in the single-head view`},this.thumbs,` thumbnails`),this.el=Z(`header`,{id:`bar`},Z(`span`,{class:`brand`},`qkatlas`),Z(`label`,{},`atlas `,this.atlas),Z(`label`,{},`layout `,this.layout),Z(`label`,{},`colour `,this.color),Z(`label`,{title:`point size by vector norm`},this.size,` size by norm`),this.thumbsWrap,Z(`label`,{},`cells `,this.tint),Z(`label`,{},`sort `,this.sort),Z(`span`,{class:`searchbox`},this.search,` `,Z(`label`,{},this.regex,` regex`),` `,this.count),Z(`span`,{class:`grow`}),this.theme),this.sync(e.get())}runSearch(){this.actions.search(this.search.value,this.regex.checked)}get query(){return this.search.value}setAtlases(e){this.atlas.replaceChildren(...e.map(e=>Q(e.id,`${e.name} (${e.n_layers}\u00d7${e.n_heads})${e.status===`updating`?` · updating`:``}`)));let t=this.store.get().atlas;t&&(this.atlas.value=t)}setAtlas(e,t){this.color.replaceChildren(...t.map(e=>Q(e.id,e.label))),this.setLayouts(e),this.thumbsWrap.style.display=e.thumbnails?``:`none`}setLayouts(e){LC(this.layout,e,this.store.get().layout)}setHeads(e,t){let n=e?Ke(e.metrics).map(e=>Object.assign(Q(Ue(e),`by ${e} (this layout)`),{title:He[e]})):[],r=[Q(`none`,`plain`),...e?[Q(`label`,`by label`),...n,...e.metrics.map(e=>Q(`metric:${e}`,`by ${e}`))]:[]],i=[Q(`layer`,`layer, head`),...e?[Q(`label`,`by label`),...e.metrics.map(e=>Q(`metric:${e}`,`by ${e} \u2193`))]:[]];this.tint.replaceChildren(...r),this.sort.replaceChildren(...i),this.tint.disabled=!e,this.sort.disabled=!e,this.tint.title=e?`tint cells by a head metric or label`:`head metrics unavailable: ${t||`loading`}`,this.sync(this.store.get())}setCount(e,t){this.count.textContent=e,this.count.className=t?`none`:``}colorLabel(){return this.color.selectedOptions?.[0]?.textContent??this.store.get().color}sync(e,t){e.atlas&&(this.atlas.value=e.atlas),e.layout&&(this.layout.value=e.layout),this.color.value=e.color,this.size.checked=e.size,this.thumbs.checked=e.thumbs;let n=t=>t===`none`||t===`layer`||(e.heads?e.heads.isOption(t):!1);this.tint.value=n(e.tint)?e.tint:`none`,this.sort.value=n(e.sort)&&!e.sort.startsWith(`layout:`)?e.sort:`layer`,(!t||t.has(`search`))&&this.search.value!==e.search&&(this.search.value=e.search),this.regex.checked=e.regex,this.theme.textContent=e.theme===`dark`?`☾ dark`:`☀ light`}};function tw(e,t,n,r,i,a,o,s,c){let l=r.seq(t.row),u=r.pos(t.row),d=r.seqLen(t.row),f=i.start[l],p=Math.max(0,u-10),m=Math.min(d,u+11),h=[];for(let e=p;e<m;e++){let t=bC($e(r.token(f+e),18));h.push(e===u?`<b>${t}</b>`:t)}let[g,_]=F(t.index,n.n_heads),v=t.role===`query`?M.query:M.key,y=i.text[l]??``;e.innerHTML=`<div><span class="tok">${bC($e(r.token(t.row),40))}</span> <span class="chip" style="background:${N(v)}">${t.role}</span></div><div class="muted">position ${u} of ${d} \u00b7 ${n.image?`image`:`sequence`} ${l} \u00b7 L${g} H${_}</div><div class="ctx">${p>0?`… `:``}${h.join(` `)}${m<d?` …`:``}</div>`+(y&&!n.image?`<div class="ctx">${bC(y.length>240?y.slice(0,240)+`…`:y)}</div>`:y?`<div class="ctx">${bC(y)}</div>`:``),e.style.display=`block`,e.style.left=`${Math.min(a+14,s-370)}px`,e.style.top=`${Math.min(o+14,c-e.offsetHeight-6)}px`}function nw(e){e.style.display=`none`}function rw(e,t=8,n=.9,r=.01){let i=Array.from({length:e.length},(e,t)=>t).filter(t=>Number.isFinite(e[t])&&e[t]>0);i.sort((t,n)=>e[n]-e[t]);let a=0;for(let t of i)a+=e[t];let o=[],s=0;for(let c of i){if(o.length>=t||o.length>0&&(s>=n*a||e[c]<r))break;o.push(c),s+=e[c]}return o}function iw(e,t,n){let r=new Float32Array(t*t);for(let i=0;i<t;i++){let a=0;for(let r=0;r<t;r++)n[r]||(a+=e[i*t+r]);for(let o=0;o<t;o++)r[i*t+o]=n[o]||a<=0?0:e[i*t+o]/a}return r}var aw=`layout(std140) uniform iconUniforms {
  float sizeScale;
  vec2 iconsTextureDim;
  float sizeBasis;
  float sizeMinPixels;
  float sizeMaxPixels;
  bool billboard;
  highp int sizeUnits;
  float alphaCutoff;
} icon;
`,ow={name:`icon`,vs:aw,fs:aw,uniformTypes:{sizeScale:`f32`,iconsTextureDim:`vec2<f32>`,sizeBasis:`f32`,sizeMinPixels:`f32`,sizeMaxPixels:`f32`,billboard:`f32`,sizeUnits:`i32`,alphaCutoff:`f32`}},sw=`#version 300 es
#define SHADER_NAME icon-layer-vertex-shader
in vec2 positions;
in vec3 instancePositions;
in vec3 instancePositions64Low;
in float instanceSizes;
in float instanceAngles;
in vec4 instanceColors;
#ifdef USE_ROW_INDEXES
in float rowIndexes;
#endif
in vec4 instanceIconFrames;
in float instanceColorModes;
in vec2 instanceOffsets;
in vec2 instancePixelOffset;
out float vColorMode;
out vec4 vColor;
out vec2 vTextureCoords;
out vec2 uv;
vec2 rotate_by_angle(vec2 vertex, float angle) {
float angle_radian = angle * PI / 180.0;
float cos_angle = cos(angle_radian);
float sin_angle = sin(angle_radian);
mat2 rotationMatrix = mat2(cos_angle, -sin_angle, sin_angle, cos_angle);
return rotationMatrix * vertex;
}
void main(void) {
geometry.worldPosition = instancePositions;
geometry.uv = positions;
#ifdef USE_ROW_INDEXES
geometry.pickingColor = picking_getPickingColorFromIndex(rowIndexes);
#else
geometry.pickingColor = picking_getPickingColorFromInstanceID();
#endif
uv = positions;
vec2 iconSize = instanceIconFrames.zw;
float sizePixels = clamp(
project_size_to_pixel(instanceSizes * icon.sizeScale, icon.sizeUnits),
icon.sizeMinPixels, icon.sizeMaxPixels
);
float iconConstraint = icon.sizeBasis == 0.0 ? iconSize.x : iconSize.y;
float instanceScale = iconConstraint == 0.0 ? 0.0 : sizePixels / iconConstraint;
vec2 pixelOffset = positions / 2.0 * iconSize + instanceOffsets;
pixelOffset = rotate_by_angle(pixelOffset, instanceAngles) * instanceScale;
pixelOffset += instancePixelOffset;
pixelOffset.y *= -1.0;
if (icon.billboard)  {
gl_Position = project_position_to_clipspace(instancePositions, instancePositions64Low, vec3(0.0), geometry.position);
DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
vec3 offset = vec3(pixelOffset, 0.0);
DECKGL_FILTER_SIZE(offset, geometry);
gl_Position.xy += project_pixel_size_to_clipspace(offset.xy);
} else {
vec3 offset_common = vec3(project_pixel_size(pixelOffset), 0.0);
DECKGL_FILTER_SIZE(offset_common, geometry);
gl_Position = project_position_to_clipspace(instancePositions, instancePositions64Low, offset_common, geometry.position);
DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
}
vTextureCoords = mix(
instanceIconFrames.xy,
instanceIconFrames.xy + iconSize,
(positions.xy + 1.0) / 2.0
) / icon.iconsTextureDim;
vColor = instanceColors;
DECKGL_FILTER_COLOR(vColor, geometry);
vColorMode = instanceColorModes;
}
`,cw=`#version 300 es
#define SHADER_NAME icon-layer-fragment-shader
precision highp float;
uniform sampler2D iconsTexture;
in float vColorMode;
in vec4 vColor;
in vec2 vTextureCoords;
in vec2 uv;
out vec4 fragColor;
void main(void) {
geometry.uv = uv;
vec4 texColor = texture(iconsTexture, vTextureCoords);
vec3 color = mix(texColor.rgb, vColor.rgb, vColorMode);
float a = texColor.a * layer.opacity * vColor.a;
if (a < icon.alphaCutoff) {
discard;
}
fragColor = vec4(color, a);
DECKGL_FILTER_COLOR(fragColor, geometry);
}
`,lw=`struct IconUniforms {
  sizeScale: f32,
  iconsTextureDim: vec2<f32>,
  sizeBasis: f32,
  sizeMinPixels: f32,
  sizeMaxPixels: f32,
  billboard: i32,
  sizeUnits: i32,
  alphaCutoff: f32
};

@group(0) @binding(auto) var<uniform> icon: IconUniforms;
@group(0) @binding(auto) var iconsTexture : texture_2d<f32>;
@group(0) @binding(auto) var iconsTextureSampler : sampler;

fn rotate_by_angle(vertex: vec2<f32>, angle_deg: f32) -> vec2<f32> {
  let angle_radian = angle_deg * PI / 180.0;
  let c = cos(angle_radian);
  let s = sin(angle_radian);
  let rotation = mat2x2<f32>(vec2<f32>(c, s), vec2<f32>(-s, c));
  return rotation * vertex;
}

struct Attributes {
  @builtin(instance_index) instanceIndex : u32,
  @location(0) positions: vec2<f32>,

  @location(1) instancePositions: vec3<f32>,
  @location(2) instancePositions64Low: vec3<f32>,
  @location(3) instanceSizes: f32,
  @location(4) instanceAngles: f32,
  @location(5) instanceColors: vec4<f32>,
  @location(6) instanceIconFrames: vec4<f32>,
  @location(7) instanceColorModes: f32,
  @location(8) instanceOffsets: vec2<f32>,
  @location(9) instancePixelOffset: vec2<f32>,
  PICKING_COLOR_ATTRIBUTE
};

struct Varyings {
  @builtin(position) position: vec4<f32>,

  @location(0) vColorMode: f32,
  @location(1) vColor: vec4<f32>,
  @location(2) vTextureCoords: vec2<f32>,
  @location(3) uv: vec2<f32>,
  @location(4) pickingColor: vec3<f32>,
};

@vertex
fn vertexMain(inp: Attributes) -> Varyings {
  // write geometry fields used by filters + FS
  geometry.worldPosition = inp.instancePositions;
  geometry.uv = inp.positions;
  geometry.pickingColor = PICKING_COLOR_VALUE;

  var outp: Varyings;
  outp.uv = inp.positions;

  let iconSize = inp.instanceIconFrames.zw;

  // convert size in meters to pixels, then clamp
  let sizePixels = clamp(
    project_unit_size_to_pixel(inp.instanceSizes * icon.sizeScale, icon.sizeUnits),
    icon.sizeMinPixels, icon.sizeMaxPixels
  );

  // scale icon height to match instanceSize
  let iconConstraint = select(iconSize.y, iconSize.x, icon.sizeBasis == 0.0);
  let instanceScale = select(sizePixels / iconConstraint, 0.0, iconConstraint == 0.0);

  // scale and rotate vertex in "pixel" units; then add per-instance pixel offset
  var pixelOffset = inp.positions / 2.0 * iconSize + inp.instanceOffsets;
  pixelOffset = rotate_by_angle(pixelOffset, inp.instanceAngles) * instanceScale;
  pixelOffset = pixelOffset + inp.instancePixelOffset;
  pixelOffset.y = pixelOffset.y * -1.0;

  if (icon.billboard != 0) {
    var pos = project_position_to_clipspace(inp.instancePositions, inp.instancePositions64Low, vec3<f32>(0.0)); // TODO, &geometry.position);
    // DECKGL_FILTER_GL_POSITION(pos, geometry);

    var offset = vec3<f32>(pixelOffset, 0.0);
    // DECKGL_FILTER_SIZE(offset, geometry);
    let clipOffset = project_pixel_size_to_clipspace(offset.xy);
    pos = vec4<f32>(pos.x + clipOffset.x, pos.y + clipOffset.y, pos.z, pos.w);
    outp.position = pos;
  } else {
    var offset_common = vec3<f32>(project_pixel_size_vec2(pixelOffset), 0.0);
    // DECKGL_FILTER_SIZE(offset_common, geometry);
    var pos = project_position_to_clipspace(inp.instancePositions, inp.instancePositions64Low, offset_common); // TODO, &geometry.position);
    // DECKGL_FILTER_GL_POSITION(pos, geometry);
    outp.position = pos;
  }

  let uvMix = (inp.positions.xy + vec2<f32>(1.0, 1.0)) * 0.5;
  outp.vTextureCoords = mix(inp.instanceIconFrames.xy, inp.instanceIconFrames.xy + iconSize, uvMix) / icon.iconsTextureDim;

  outp.vColor = inp.instanceColors;
  // DECKGL_FILTER_COLOR(outp.vColor, geometry);

  outp.vColorMode = inp.instanceColorModes;
  outp.pickingColor = geometry.pickingColor;

  return outp;
}

@fragment
fn fragmentMain(inp: Varyings) -> @location(0) vec4<f32> {
  // expose to deck.gl filter hooks
  geometry.uv = inp.uv;

  let texColor = textureSample(iconsTexture, iconsTextureSampler, inp.vTextureCoords);

  // if colorMode == 0, use pixel color from the texture
  // if colorMode == 1 (or picking), use texture as transparency mask
  let rgb = mix(texColor.rgb, inp.vColor.rgb, inp.vColorMode);
  let a = texColor.a * layer.opacity * inp.vColor.a;

  if (a < icon.alphaCutoff) {
    discard;
  }

  if (picking.isActive > 0.5) {
    if (!picking_isColorValid(inp.pickingColor)) {
      discard;
    }
    return vec4<f32>(inp.pickingColor, 1.0);
  }

  var fragColor = deckgl_premultiplied_alpha(vec4<f32>(rgb, a));

  if (picking.isHighlightActive > 0.5) {
    let highlightedObjectColor = picking_normalizeColor(picking.highlightedObjectColor);
    if (picking_isColorZero(abs(inp.pickingColor - highlightedObjectColor))) {
      let highLightAlpha = picking.highlightColor.a;
      let blendedAlpha = highLightAlpha + fragColor.a * (1.0 - highLightAlpha);
      if (blendedAlpha > 0.0) {
        let highLightRatio = highLightAlpha / blendedAlpha;
        fragColor = vec4<f32>(
          mix(fragColor.rgb, picking.highlightColor.rgb, highLightRatio),
          blendedAlpha
        );
      } else {
        fragColor = vec4<f32>(fragColor.rgb, 0.0);
      }
    }
  }

  return fragColor;
}
`;function uw(e){return lw.replace(`PICKING_COLOR_ATTRIBUTE`,e?`@location(10) rowIndexes: u32,`:``).replace(`PICKING_COLOR_VALUE`,e?`picking_getPickingColorFromIndex(inp.rowIndexes)`:`picking_getPickingColorFromIndex(inp.instanceIndex)`)}var dw=1024,fw=4,pw=()=>{},mw={minFilter:`linear`,mipmapFilter:`linear`,magFilter:`linear`,addressModeU:`clamp-to-edge`,addressModeV:`clamp-to-edge`},hw={x:0,y:0,width:0,height:0};function gw(e){return 2**Math.ceil(Math.log2(e))}function _w(e,t,n,r){let i=Math.min(n/t.width,r/t.height),a=Math.floor(t.width*i),o=Math.floor(t.height*i);return i===1?{image:t,width:a,height:o}:(e.canvas.height=o,e.canvas.width=a,e.clearRect(0,0,a,o),e.drawImage(t,0,0,t.width,t.height,0,0,a,o),{image:e.canvas,width:a,height:o})}function vw(e){return e&&(e.id||e.url)}function yw(e){let{device:t}=e;t.type===`webgl`?e.generateMipmapsWebGL():t.type===`webgpu`&&t.generateMipmapsWebGPU(e)}function bw(e,t,n,r){let{width:i,height:a,device:o}=e,s=o.createTexture({format:`rgba8unorm`,width:t,height:n,sampler:r,mipLevels:o.getMipLevelCount(t,n)}),c=o.createCommandEncoder();c.copyTextureToTexture({sourceTexture:e,destinationTexture:s,width:i,height:a});let l=c.finish();return o.submit(l),yw(s),e.destroy(),s}function xw(e,t,n){for(let r=0;r<t.length;r++){let{icon:i,xOffset:a}=t[r],o=vw(i);e[o]={...i,x:a,y:n}}}function Sw({icons:e,buffer:t,mapping:n={},xOffset:r=0,yOffset:i=0,rowHeight:a=0,canvasWidth:o}){let s=[];for(let c=0;c<e.length;c++){let l=e[c];if(!n[vw(l)]){let{height:e,width:c}=l;r+c+t>o&&(xw(n,s,i),r=0,i=a+i+t,a=0,s=[]),s.push({icon:l,xOffset:r}),r=r+c+t,a=Math.max(a,e)}}return s.length>0&&xw(n,s,i),{mapping:n,rowHeight:a,xOffset:r,yOffset:i,canvasWidth:o,canvasHeight:gw(a+i+t)}}function Cw(e,t,n){if(!e||!t)return null;n||={};let r={},{iterable:i,objectInfo:a}=Ev(e);for(let e of i){a.index++;let i=t(e,a),o=vw(i);if(!i)throw Error(`Icon is missing.`);if(!i.url)throw Error(`Icon url is missing.`);r[o]||n[o]&&i.url===n[o].url||(r[o]={...i,source:e,sourceIndex:a.index})}return r}var ww=class{constructor(e,{onUpdate:t=pw,onError:n=pw}){this._loadOptions=null,this._texture=null,this._externalTexture=null,this._mapping={},this._samplerParameters=null,this._pendingCount=0,this._autoPacking=!1,this._xOffset=0,this._yOffset=0,this._rowHeight=0,this._buffer=fw,this._canvasWidth=dw,this._canvasHeight=0,this._canvas=null,this.device=e,this.onUpdate=t,this.onError=n}finalize(){this._texture?.delete()}getTexture(){return this._texture||this._externalTexture}getIconMapping(e){let t=this._autoPacking?vw(e):e;return this._mapping[t]||hw}setProps({loadOptions:e,autoPacking:t,iconAtlas:n,iconMapping:r,textureParameters:i}){e&&(this._loadOptions=e),t!==void 0&&(this._autoPacking=t),r&&(this._mapping=r),n&&(this._texture?.delete(),this._texture=null,this._externalTexture=n),i&&(this._samplerParameters=i)}get isLoaded(){return this._pendingCount===0}packIcons(e,t){if(!this._autoPacking||typeof document>`u`)return;let n=Object.values(Cw(e,t,this._mapping)||{});if(n.length>0){let{mapping:e,xOffset:t,yOffset:r,rowHeight:i,canvasHeight:a}=Sw({icons:n,buffer:this._buffer,canvasWidth:this._canvasWidth,mapping:this._mapping,rowHeight:this._rowHeight,xOffset:this._xOffset,yOffset:this._yOffset});this._rowHeight=i,this._mapping=e,this._xOffset=t,this._yOffset=r,this._canvasHeight=a,this._texture||=this.device.createTexture({format:`rgba8unorm`,data:null,width:this._canvasWidth,height:this._canvasHeight,sampler:this._samplerParameters||mw,mipLevels:this.device.getMipLevelCount(this._canvasWidth,this._canvasHeight)}),this._texture.height!==this._canvasHeight&&(this._texture=bw(this._texture,this._canvasWidth,this._canvasHeight,this._samplerParameters||mw)),this.onUpdate(!0),this._canvas=this._canvas||document.createElement(`canvas`),this._loadIcons(n)}}_loadIcons(e){let t=this._canvas.getContext(`2d`,{willReadFrequently:!0});for(let n of e)this._pendingCount++,yi(n.url,this._loadOptions).then(e=>{let r=vw(n),i=this._mapping[r],{x:a,y:o,width:s,height:c}=i,{image:l,width:u,height:d}=_w(t,e,s,c),f=a+(s-u)/2,p=o+(c-d)/2;this._texture?.copyExternalImage({image:l,x:f,y:p,width:u,height:d}),i.x=f,i.y=p,i.width=u,i.height=d,this._texture&&yw(this._texture),this.onUpdate(u!==s||d!==c)}).catch(e=>{this.onError({url:n.url,source:n.source,sourceIndex:n.sourceIndex,loadOptions:this._loadOptions,error:e})}).finally(()=>{this._pendingCount--})}},Tw=[0,0,0,255],Ew={iconAtlas:{type:`image`,value:null,async:!0},iconMapping:{type:`object`,value:{},async:!0},sizeScale:{type:`number`,value:1,min:0},billboard:!0,sizeUnits:`pixels`,sizeBasis:`height`,sizeMinPixels:{type:`number`,min:0,value:0},sizeMaxPixels:{type:`number`,min:0,value:2**53-1},alphaCutoff:{type:`number`,value:.05,min:0,max:1},getPosition:{type:`accessor`,value:e=>e.position},getIcon:{type:`accessor`,value:e=>e.icon},getColor:{type:`accessor`,value:Tw},getSize:{type:`accessor`,value:1},getAngle:{type:`accessor`,value:0},getPixelOffset:{type:`accessor`,value:[0,0]},onIconError:{type:`function`,value:null,optional:!0},textureParameters:{type:`object`,ignore:!0,value:null}},Dw=class extends lS{getShaders(){let e=!!this.props.data?.attributes?.rowIndexes;return super.getShaders({vs:sw,fs:cw,source:uw(e),defines:e?{USE_ROW_INDEXES:!0}:{},modules:[ou,Gs,id,ow]})}initializeState(){this.state={iconManager:new ww(this.context.device,{onUpdate:this._onUpdate.bind(this),onError:this._onError.bind(this)})},this.getAttributeManager().addInstanced({instancePositions:{size:3,type:`float64`,fp64:this.use64bitPositions(),transition:!0,accessor:`getPosition`},instanceSizes:{size:1,transition:!0,bufferGroup:`icon-instance-data`,accessor:`getSize`,defaultValue:1},instanceIconDefs:{size:7,bufferGroup:`icon-instance-data`,accessor:`getIcon`,transform:this.getInstanceIconDef,shaderAttributes:{instanceOffsets:{size:2,elementOffset:0},instanceIconFrames:{size:4,elementOffset:2},instanceColorModes:{size:1,elementOffset:6}}},instanceColors:{size:this.props.colorFormat.length,type:`unorm8`,transition:!0,bufferGroup:`icon-instance-data`,accessor:`getColor`,defaultValue:Tw},instanceAngles:{size:1,transition:!0,bufferGroup:`icon-instance-data`,accessor:`getAngle`},instancePixelOffset:{size:2,transition:!0,bufferGroup:`icon-instance-data`,accessor:`getPixelOffset`},...this.props.data?.attributes?.rowIndexes?{rowIndexes:{size:1,type:`uint32`,noAlloc:!0}}:{}})}updateState(e){super.updateState(e);let{props:t,oldProps:n,changeFlags:r}=e,i=this.getAttributeManager(),{iconAtlas:a,iconMapping:o,data:s,getIcon:c,textureParameters:l}=t,{iconManager:u}=this.state;if(typeof a==`string`)return;let d=a||this.internalState.isAsyncPropLoading(`iconAtlas`);u.setProps({loadOptions:t.loadOptions,autoPacking:!d,iconAtlas:a,iconMapping:d?o:null,textureParameters:l}),d?n.iconMapping!==t.iconMapping&&i.invalidate(`getIcon`):(r.dataChanged||r.updateTriggersChanged&&(r.updateTriggersChanged.all||r.updateTriggersChanged.getIcon))&&u.packIcons(s,c),r.extensionsChanged&&(this.state.model?.destroy(),this.state.model=this._getModel(),i.invalidateAll())}get isLoaded(){return super.isLoaded&&this.state.iconManager.isLoaded}finalizeState(e){super.finalizeState(e),this.state.iconManager.finalize()}draw({uniforms:e}){this._drawModel(this.state.model)}_drawModel(e){let{sizeScale:t,sizeBasis:n,sizeMinPixels:r,sizeMaxPixels:i,sizeUnits:a,billboard:o,alphaCutoff:s}=this.props,{iconManager:c}=this.state,l=c.getTexture();if(l){let c={iconsTexture:l,iconsTextureDim:[l.width,l.height],sizeUnits:Rl[a],sizeScale:t,sizeBasis:+(n===`height`),sizeMinPixels:r,sizeMaxPixels:i,billboard:o,alphaCutoff:s};e.shaderInputs.setProps({icon:c}),e.draw(this.context.renderPass)}}_getModel(e=this.props.id){let t=[-1,-1,1,-1,-1,1,1,1];return new Vf(this.context.device,{...this.getShaders(),id:e,bufferLayout:this.getAttributeManager().getBufferLayouts(),geometry:new $d({topology:`triangle-strip`,attributes:{positions:{size:2,value:new Float32Array(t)}}}),isInstanced:!0})}_onUpdate(e){e?(this.getAttributeManager()?.invalidate(`getIcon`),this.setNeedsUpdate()):this.setNeedsRedraw()}_onError(e){let t=this.getCurrentLayer()?.props.onIconError;t?t(e):I.error(e.error.message)()}getInstanceIconDef(e){let{x:t,y:n,width:r,height:i,mask:a,anchorX:o=r/2,anchorY:s=i/2}=this.state.iconManager.getIconMapping(e);return[r/2-o,i/2-s,t,n,r,i,+!!a]}};Dw.defaultProps=Ew,Dw.layerName=`IconLayer`;var Ow=`layout(std140) uniform lineUniforms {
  float widthScale;
  float widthMinPixels;
  float widthMaxPixels;
  float useShortestPath;
  highp int widthUnits;
} line;
`,kw={name:`line`,source:``,vs:Ow,fs:Ow,uniformTypes:{widthScale:`f32`,widthMinPixels:`f32`,widthMaxPixels:`f32`,useShortestPath:`f32`,widthUnits:`i32`}},Aw=`// ---------- Helper Structures & Functions ----------

// Placeholder filter functions.
fn deckgl_filter_size(offset: vec3<f32>, geometry: Geometry) -> vec3<f32> {
  return offset;
}
fn deckgl_filter_gl_position(p: vec4<f32>, geometry: Geometry) -> vec4<f32> {
  if (picking.isAttribute > 0.5) {
    // For depth picking, write normalized depth into the picking payload.
    // This mirrors the legacy DECKGL_FILTER_GL_POSITION hook on WebGL.
  }
  return p;
}

// Compute an extrusion offset given a line direction (in clipspace),
// an offset direction (-1 or 1), and a width in pixels.
// Assumes a uniform "project" with a viewportSize field is available.
fn getExtrusionOffset(line_clipspace: vec2<f32>, offset_direction: f32, width: f32) -> vec2<f32> {
  // project.viewportSize should be provided as a uniform (not shown here)
  let dir_screenspace = normalize(line_clipspace * project.viewportSize);
  // Rotate by 90°: (x,y) becomes (-y,x)
  let rotated = vec2<f32>(-dir_screenspace.y, dir_screenspace.x);
  return rotated * offset_direction * width / 2.0;
}

// Splits the line between two points at a given x coordinate.
// Interpolates the y and z components.
fn splitLine(a: vec3<f32>, b: vec3<f32>, x: f32) -> vec3<f32> {
  let t: f32 = (x - a.x) / (b.x - a.x);
  return vec3<f32>(x, a.yz + t * (b.yz - a.yz));
}

// ---------- Uniforms & Global Structures ----------

struct LineUniforms {
  widthScale: f32,
  widthMinPixels: f32,
  widthMaxPixels: f32,
  useShortestPath: f32,
  widthUnits: i32,
};

@group(0) @binding(0)
var<uniform> line: LineUniforms;



// ---------- Vertex Output Structure ----------

struct Varyings {
  @builtin(position) gl_Position: vec4<f32>,
  @location(0) vColor: vec4<f32>,
  @location(1) uv: vec2<f32>,
  @location(2) pickingColor: vec3<f32>,
};

// ---------- Vertex Shader Entry Point ----------

@vertex
fn vertexMain(
  @builtin(instance_index) instanceIndex: u32,
  @location(0) positions: vec3<f32>,
  @location(1) instanceSourcePositions: vec3<f32>,
  @location(2) instanceTargetPositions: vec3<f32>,
  @location(3) instanceSourcePositions64Low: vec3<f32>,
  @location(4) instanceTargetPositions64Low: vec3<f32>,
  @location(5) instanceColors: vec4<f32>,
  @location(6) instanceWidths: f32
) -> Varyings {
  geometry.worldPosition = instanceSourcePositions;
  geometry.worldPositionAlt = instanceTargetPositions;

  var source_world: vec3<f32> = instanceSourcePositions;
  var target_world: vec3<f32> = instanceTargetPositions;
  var source_world_64low: vec3<f32> = instanceSourcePositions64Low;
  var target_world_64low: vec3<f32> = instanceTargetPositions64Low;

  // Apply shortest-path adjustments if needed.
  if (line.useShortestPath > 0.5 || line.useShortestPath < -0.5) {
    source_world.x = (source_world.x + 180.0 % 360.0) - 180.0;
    target_world.x = (target_world.x + 180.0 % 360.0) - 180.0;
    let deltaLng: f32 = target_world.x - source_world.x;

    if (deltaLng * line.useShortestPath > 180.0) {
      source_world.x = source_world.x + 360.0 * line.useShortestPath;
      source_world = splitLine(source_world, target_world, 180.0 * line.useShortestPath);
      source_world_64low = vec3<f32>(0.0, 0.0, 0.0);
    } else if (deltaLng * line.useShortestPath < -180.0) {
      target_world.x = target_world.x + 360.0 * line.useShortestPath;
      target_world = splitLine(source_world, target_world, 180.0 * line.useShortestPath);
      target_world_64low = vec3<f32>(0.0, 0.0, 0.0);
    } else if (line.useShortestPath < 0.0) {
      var abortOut: Varyings;
      abortOut.gl_Position = vec4<f32>(0.0);
      abortOut.vColor = vec4<f32>(0.0);
      abortOut.uv = vec2<f32>(0.0);
      return abortOut;
    }
  }

  // Project Pos and target positions to clip space.
  let sourceResult = project_position_to_clipspace_and_commonspace(source_world, source_world_64low, vec3<f32>(0.0));
  let targetResult = project_position_to_clipspace_and_commonspace(target_world, target_world_64low, vec3<f32>(0.0));
  let sourcePos: vec4<f32> = sourceResult.clipPosition;
  let targetPos: vec4<f32> = targetResult.clipPosition;
  let source_commonspace: vec4<f32> = sourceResult.commonPosition;
  let target_commonspace: vec4<f32> = targetResult.commonPosition;

  // Interpolate along the line segment.
  let segmentIndex: f32 = positions.x;
  let p: vec4<f32> = sourcePos + segmentIndex * (targetPos - sourcePos);
  geometry.position = source_commonspace + segmentIndex * (target_commonspace - source_commonspace);
#ifdef ANTIALIASING
  var uv: vec2<f32> = positions.xy;
#else
  let uv: vec2<f32> = positions.xy;
#endif
  geometry.uv = uv;
  geometry.pickingColor = picking_getPickingColorFromIndex(instanceIndex);

  // Determine width in pixels.
  let widthPixels: f32 = clamp(
    project_unit_size_to_pixel(instanceWidths * line.widthScale, line.widthUnits),
    line.widthMinPixels, line.widthMaxPixels
  );

  // Compute extrusion offset.
  let extrusion: vec2<f32> = getExtrusionOffset(targetPos.xy - sourcePos.xy, positions.y, widthPixels);
  let offset: vec3<f32> = vec3<f32>(extrusion, 0.0);

  // Apply deck.gl filter functions.
#ifdef ANTIALIASING
  var filteredOffset = deckgl_filter_size(offset, geometry);
  let halfWidthPixels = length(filteredOffset.xy);
  if (halfWidthPixels > 0.0) {
    // Keep the declared edge at abs(uv.y) == 1 while rasterizing the outer half of the centered
    // one-device-pixel coverage ramp.
    let coverageScale = 1.0 + 0.5 / project.devicePixelRatio / halfWidthPixels;
    filteredOffset *= coverageScale;
    uv.y *= coverageScale;
  }
  geometry.uv = uv;
#else
  let filteredOffset = deckgl_filter_size(offset, geometry);
#endif
  let filteredP = deckgl_filter_gl_position(p, geometry);

  let clipOffset: vec2<f32> = project_pixel_size_to_clipspace(filteredOffset.xy);
  let finalPosition: vec4<f32> = filteredP + vec4<f32>(clipOffset, 0.0, 0.0);

  // Compute color.
  var vColor: vec4<f32> = vec4<f32>(instanceColors.rgb, instanceColors.a * layer.opacity);
  // vColor = deckgl_filter_color(vColor, geometry);

  var output: Varyings;
  output.gl_Position = finalPosition;
  output.vColor = vColor;
  output.uv = uv;
  output.pickingColor = geometry.pickingColor;
  return output;
}

@fragment
fn fragmentMain(
  @location(0) vColor: vec4<f32>,
  @location(1) uv: vec2<f32>,
  @location(2) pickingColor: vec3<f32>
) -> @location(0) vec4<f32> {
  // Create and initialize geometry with the provided uv.
  var geometry: Geometry;
  geometry.uv = uv;

  // Start with the input color.
  var fragColor: vec4<f32> = vColor;

#ifdef ANTIALIASING
  // Distance to the edge in device pixels, from the derivative of uv.y. Taken in uniform control
  // flow, ahead of the picking discard below
  let edgeCoord = abs(uv.y);
  let edgePixels = (1.0 - edgeCoord) / max(fwidth(edgeCoord), 1e-6);

  // Fragments outside the coverage ramp must not write depth or picking colors.
  if (edgePixels <= -SMOOTH_EDGE_RADIUS) {
    discard;
  }

  // Feather one device pixel across the width, before premultiplication below. The ends are left
  // hard - they abut neighbors
  fragColor.a *= smoothedge(0.0, edgePixels);
#endif

  if (picking.isActive > 0.5) {
    if (!picking_isColorValid(pickingColor)) {
      discard;
    }
    return vec4<f32>(pickingColor, 1.0);
  }

  if (picking.isHighlightActive > 0.5) {
    let highlightedObjectColor = picking_normalizeColor(picking.highlightedObjectColor);
    if (picking_isColorZero(abs(pickingColor - highlightedObjectColor))) {
      let highLightAlpha = picking.highlightColor.a;
      let blendedAlpha = highLightAlpha + fragColor.a * (1.0 - highLightAlpha);
      if (blendedAlpha > 0.0) {
        let highLightRatio = highLightAlpha / blendedAlpha;
        fragColor = vec4<f32>(
          mix(fragColor.rgb, picking.highlightColor.rgb, highLightRatio),
          blendedAlpha
        );
      } else {
        fragColor = vec4<f32>(fragColor.rgb, 0.0);
      }
    }
  }

  // Apply premultiplied alpha as required by transparent canvas
  fragColor = deckgl_premultiplied_alpha(fragColor);

  return fragColor;
}
`,jw=`#version 300 es
#define SHADER_NAME line-layer-vertex-shader
in vec3 positions;
in vec3 instanceSourcePositions;
in vec3 instanceTargetPositions;
in vec3 instanceSourcePositions64Low;
in vec3 instanceTargetPositions64Low;
in vec4 instanceColors;
in float instanceWidths;
out vec4 vColor;
out vec2 uv;
vec2 getExtrusionOffset(vec2 line_clipspace, float offset_direction, float width) {
vec2 dir_screenspace = normalize(line_clipspace * project.viewportSize);
dir_screenspace = vec2(-dir_screenspace.y, dir_screenspace.x);
return dir_screenspace * offset_direction * width / 2.0;
}
vec3 splitLine(vec3 a, vec3 b, float x) {
float t = (x - a.x) / (b.x - a.x);
return vec3(x, mix(a.yz, b.yz, t));
}
void main(void) {
geometry.worldPosition = instanceSourcePositions;
geometry.worldPositionAlt = instanceTargetPositions;
vec3 source_world = instanceSourcePositions;
vec3 target_world = instanceTargetPositions;
vec3 source_world_64low = instanceSourcePositions64Low;
vec3 target_world_64low = instanceTargetPositions64Low;
if (line.useShortestPath > 0.5 || line.useShortestPath < -0.5) {
source_world.x = mod(source_world.x + 180., 360.0) - 180.;
target_world.x = mod(target_world.x + 180., 360.0) - 180.;
float deltaLng = target_world.x - source_world.x;
if (deltaLng * line.useShortestPath > 180.) {
source_world.x += 360. * line.useShortestPath;
source_world = splitLine(source_world, target_world, 180. * line.useShortestPath);
source_world_64low = vec3(0.0);
} else if (deltaLng * line.useShortestPath < -180.) {
target_world.x += 360. * line.useShortestPath;
target_world = splitLine(source_world, target_world, 180. * line.useShortestPath);
target_world_64low = vec3(0.0);
} else if (line.useShortestPath < 0.) {
gl_Position = vec4(0.);
return;
}
}
vec4 source_commonspace;
vec4 target_commonspace;
vec4 source = project_position_to_clipspace(source_world, source_world_64low, vec3(0.), source_commonspace);
vec4 target = project_position_to_clipspace(target_world, target_world_64low, vec3(0.), target_commonspace);
float segmentIndex = positions.x;
vec4 p = mix(source, target, segmentIndex);
geometry.position = mix(source_commonspace, target_commonspace, segmentIndex);
uv = positions.xy;
geometry.uv = uv;
geometry.pickingColor = picking_getPickingColorFromInstanceID();
float widthPixels = clamp(
project_size_to_pixel(instanceWidths * line.widthScale, line.widthUnits),
line.widthMinPixels, line.widthMaxPixels
);
vec3 offset = vec3(
getExtrusionOffset(target.xy - source.xy, positions.y, widthPixels),
0.0);
DECKGL_FILTER_SIZE(offset, geometry);
#ifdef ANTIALIASING
float halfWidthPixels = length(offset.xy);
if (halfWidthPixels > 0.0) {
float coverageScale = 1.0 + 0.5 / project.devicePixelRatio / halfWidthPixels;
offset.xy *= coverageScale;
uv.y *= coverageScale;
}
geometry.uv = uv;
#endif
DECKGL_FILTER_GL_POSITION(p, geometry);
gl_Position = p + vec4(project_pixel_size_to_clipspace(offset.xy), 0.0, 0.0);
vColor = vec4(instanceColors.rgb, instanceColors.a * layer.opacity);
DECKGL_FILTER_COLOR(vColor, geometry);
}
`,Mw=`#version 300 es
#define SHADER_NAME line-layer-fragment-shader
precision highp float;
in vec4 vColor;
in vec2 uv;
out vec4 fragColor;
void main(void) {
geometry.uv = uv;
fragColor = vColor;
#ifdef ANTIALIASING
float edgeCoord = abs(uv.y);
float edgePixels = (1.0 - edgeCoord) / max(fwidth(edgeCoord), 1e-6);
if (edgePixels <= -SMOOTH_EDGE_RADIUS) {
discard;
}
fragColor.a *= smoothedge(0.0, edgePixels);
#endif
DECKGL_FILTER_COLOR(fragColor, geometry);
}
`,Nw={getSourcePosition:{type:`accessor`,value:e=>e.sourcePosition},getTargetPosition:{type:`accessor`,value:e=>e.targetPosition},getColor:{type:`accessor`,value:[0,0,0,255]},getWidth:{type:`accessor`,value:1},widthUnits:`pixels`,widthScale:{type:`number`,value:1,min:0},widthMinPixels:{type:`number`,value:0,min:0},widthMaxPixels:{type:`number`,value:2**53-1,min:0},antialiasing:!1},Pw=class extends lS{getBounds(){return this.getAttributeManager()?.getBounds([`instanceSourcePositions`,`instanceTargetPositions`])}getShaders(){let{antialiasing:e}=this.props;return super.getShaders({vs:jw,fs:Mw,source:Aw,defines:e?{ANTIALIASING:1}:{},modules:[ou,Gs,id,kw]})}get wrapLongitude(){return!1}initializeState(){this.getAttributeManager().addInstanced({instanceSourcePositions:{size:3,type:`float64`,fp64:this.use64bitPositions(),transition:!0,accessor:`getSourcePosition`},instanceTargetPositions:{size:3,type:`float64`,fp64:this.use64bitPositions(),transition:!0,accessor:`getTargetPosition`},instanceColors:{size:this.props.colorFormat.length,type:`unorm8`,transition:!0,accessor:`getColor`,defaultValue:[0,0,0,255]},instanceWidths:{size:1,transition:!0,accessor:`getWidth`,defaultValue:1}})}updateState(e){super.updateState(e);let{props:t,oldProps:n,changeFlags:r}=e;(r.extensionsChanged||t.antialiasing!==n.antialiasing)&&(this.state.model?.destroy(),this.state.model=this._getModel(),this.getAttributeManager().invalidateAll())}draw({uniforms:e}){let{widthUnits:t,widthScale:n,widthMinPixels:r,widthMaxPixels:i,wrapLongitude:a}=this.props,o=this.state.model,s={widthUnits:Rl[t],widthScale:n,widthMinPixels:r,widthMaxPixels:i,useShortestPath:+!!a};o.shaderInputs.setProps({line:s}),o.draw(this.context.renderPass),a&&(o.shaderInputs.setProps({line:{...s,useShortestPath:-1}}),o.draw(this.context.renderPass))}_getModel(){let e=[0,-1,0,0,1,0,1,-1,0,1,1,0];return new Vf(this.context.device,{...this.getShaders(),id:this.props.id,bufferLayout:this.getAttributeManager().getBufferLayouts(),geometry:new $d({topology:`triangle-strip`,attributes:{positions:{size:3,value:new Float32Array(e)}}}),isInstanced:!0})}};Pw.layerName=`LineLayer`,Pw.defaultProps=Nw;var Fw=`layout(std140) uniform scatterplotUniforms {
  float radiusScale;
  float radiusMinPixels;
  float radiusMaxPixels;
  float lineWidthScale;
  float lineWidthMinPixels;
  float lineWidthMaxPixels;
  float stroked;
  float filled;
  bool antialiasing;
  bool billboard;
  highp int radiusUnits;
  highp int lineWidthUnits;
} scatterplot;
`,Iw={name:`scatterplot`,vs:Fw,fs:Fw,source:``,uniformTypes:{radiusScale:`f32`,radiusMinPixels:`f32`,radiusMaxPixels:`f32`,lineWidthScale:`f32`,lineWidthMinPixels:`f32`,lineWidthMaxPixels:`f32`,stroked:`f32`,filled:`f32`,antialiasing:`f32`,billboard:`f32`,radiusUnits:`i32`,lineWidthUnits:`i32`}},Lw=`#version 300 es
#define SHADER_NAME scatterplot-layer-vertex-shader
in vec3 positions;
in vec3 instancePositions;
in vec3 instancePositions64Low;
in float instanceRadius;
in float instanceLineWidths;
in vec4 instanceFillColors;
in vec4 instanceLineColors;
#ifdef USE_ROW_INDEXES
in float rowIndexes;
#endif
in vec2 instancePixelOffset;
out vec4 vFillColor;
out vec4 vLineColor;
out vec2 unitPosition;
out float innerUnitRadius;
out float outerRadiusPixels;
void main(void) {
geometry.worldPosition = instancePositions;
outerRadiusPixels = clamp(
project_size_to_pixel(scatterplot.radiusScale * instanceRadius, scatterplot.radiusUnits),
scatterplot.radiusMinPixels, scatterplot.radiusMaxPixels
);
float lineWidthPixels = clamp(
project_size_to_pixel(scatterplot.lineWidthScale * instanceLineWidths, scatterplot.lineWidthUnits),
scatterplot.lineWidthMinPixels, scatterplot.lineWidthMaxPixels
);
outerRadiusPixels += scatterplot.stroked * lineWidthPixels / 2.0;
float edgePadding = scatterplot.antialiasing ? (outerRadiusPixels + SMOOTH_EDGE_RADIUS) / outerRadiusPixels : 1.0;
unitPosition = edgePadding * positions.xy;
geometry.uv = unitPosition;
#ifdef USE_ROW_INDEXES
geometry.pickingColor = picking_getPickingColorFromIndex(rowIndexes);
#else
geometry.pickingColor = picking_getPickingColorFromInstanceID();
#endif
innerUnitRadius = 1.0 - scatterplot.stroked * lineWidthPixels / outerRadiusPixels;
if (scatterplot.billboard) {
gl_Position = project_position_to_clipspace(instancePositions, instancePositions64Low, vec3(0.0), geometry.position);
DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
vec3 offset = edgePadding * positions * outerRadiusPixels;
offset.xy += instancePixelOffset;
DECKGL_FILTER_SIZE(offset, geometry);
gl_Position.xy += project_pixel_size_to_clipspace(offset.xy);
} else {
vec3 offset = edgePadding * positions * project_pixel_size(outerRadiusPixels);
offset.xy += project_pixel_size(instancePixelOffset);
DECKGL_FILTER_SIZE(offset, geometry);
gl_Position = project_position_to_clipspace(instancePositions, instancePositions64Low, offset, geometry.position);
DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
}
vFillColor = vec4(instanceFillColors.rgb, instanceFillColors.a * layer.opacity);
DECKGL_FILTER_COLOR(vFillColor, geometry);
vLineColor = vec4(instanceLineColors.rgb, instanceLineColors.a * layer.opacity);
DECKGL_FILTER_COLOR(vLineColor, geometry);
}
`,Rw=`#version 300 es
#define SHADER_NAME scatterplot-layer-fragment-shader
precision highp float;
in vec4 vFillColor;
in vec4 vLineColor;
in vec2 unitPosition;
in float innerUnitRadius;
in float outerRadiusPixels;
out vec4 fragColor;
void main(void) {
geometry.uv = unitPosition;
float distToCenter = length(unitPosition) * outerRadiusPixels;
float inCircle = scatterplot.antialiasing ?
smoothedge(distToCenter, outerRadiusPixels) :
step(distToCenter, outerRadiusPixels);
if (inCircle == 0.0) {
discard;
}
if (scatterplot.stroked > 0.5) {
float isLine = scatterplot.antialiasing ?
smoothedge(innerUnitRadius * outerRadiusPixels, distToCenter) :
step(innerUnitRadius * outerRadiusPixels, distToCenter);
if (scatterplot.filled > 0.5) {
fragColor = mix(vFillColor, vLineColor, isLine);
} else {
if (isLine == 0.0) {
discard;
}
fragColor = vec4(vLineColor.rgb, vLineColor.a * isLine);
}
} else if (scatterplot.filled < 0.5) {
discard;
} else {
fragColor = vFillColor;
}
fragColor.a *= inCircle;
DECKGL_FILTER_COLOR(fragColor, geometry);
}
`,zw=`// Main shaders

struct ScatterplotUniforms {
  radiusScale: f32,
  radiusMinPixels: f32,
  radiusMaxPixels: f32,
  lineWidthScale: f32,
  lineWidthMinPixels: f32,
  lineWidthMaxPixels: f32,
  stroked: f32,
  filled: i32,
  antialiasing: i32,
  billboard: i32,
  radiusUnits: i32,
  lineWidthUnits: i32,
};

@group(0) @binding(0) var<uniform> scatterplot: ScatterplotUniforms;

struct Attributes {
  @builtin(instance_index) instanceIndex : u32,
  @builtin(vertex_index) vertexIndex : u32,
  @location(0) positions: vec3<f32>,
  @location(1) instancePositions: vec3<f32>,
  @location(2) instancePositions64Low: vec3<f32>,
  @location(3) instanceRadius: f32,
  @location(4) instanceLineWidths: f32,
  @location(5) instanceFillColors: vec4<f32>,
  @location(6) instanceLineColors: vec4<f32>,
  @location(7) instancePixelOffset: vec2<f32>,
  PICKING_COLOR_ATTRIBUTE
};

struct Varyings {
  @builtin(position) position: vec4<f32>,
  @location(0) vFillColor: vec4<f32>,
  @location(1) vLineColor: vec4<f32>,
  @location(2) unitPosition: vec2<f32>,
  @location(3) innerUnitRadius: f32,
  @location(4) outerRadiusPixels: f32,
  @location(5) pickingColor: vec3<f32>,
  @location(6) clipCoordinates: vec2<f32>,
};

@vertex
fn vertexMain(attributes: Attributes) -> Varyings {
  var varyings: Varyings;

  // Draw an inline geometry constant array clip space triangle to verify that rendering works.
  // var positions = array<vec2<f32>, 3>(vec2(0.0, 0.5), vec2(-0.5, -0.5), vec2(0.5, -0.5));
  // if (attributes.instanceIndex == 0) {
  //   varyings.position = vec4<f32>(positions[attributes.vertexIndex], 0.0, 1.0);
  //   return varyings;
  // }

  geometry.worldPosition = attributes.instancePositions;

  // Multiply out radius and clamp to limits
  varyings.outerRadiusPixels = clamp(
    project_unit_size_to_pixel(scatterplot.radiusScale * attributes.instanceRadius, scatterplot.radiusUnits),
    scatterplot.radiusMinPixels, scatterplot.radiusMaxPixels
  );

  // Multiply out line width and clamp to limits
  let lineWidthPixels = clamp(
    project_unit_size_to_pixel(scatterplot.lineWidthScale * attributes.instanceLineWidths, scatterplot.lineWidthUnits),
    scatterplot.lineWidthMinPixels, scatterplot.lineWidthMaxPixels
  );

  // outer radius needs to offset by half stroke width
  varyings.outerRadiusPixels += scatterplot.stroked * lineWidthPixels / 2.0;
  // Expand geometry to accommodate edge smoothing
  // WGSL selects the second value when the condition is true, so keep the antialiased path second.
  let edgePadding = select(
    1.0,
    (varyings.outerRadiusPixels + SMOOTH_EDGE_RADIUS) / varyings.outerRadiusPixels,
    scatterplot.antialiasing != 0
  );

  // position on the containing square in [-1, 1] space
  varyings.unitPosition = edgePadding * attributes.positions.xy;
  geometry.uv = varyings.unitPosition;
  geometry.pickingColor = PICKING_COLOR_VALUE;

  varyings.innerUnitRadius = 1.0 - scatterplot.stroked * lineWidthPixels / varyings.outerRadiusPixels;

  if (scatterplot.billboard != 0) {
    let projectedPosition = project_position_to_clipspace_and_commonspace(
      attributes.instancePositions,
      attributes.instancePositions64Low,
      vec3<f32>(0.0)
    );
    geometry.position = projectedPosition.commonPosition;
    varyings.position = projectedPosition.clipPosition;
    // DECKGL_FILTER_GL_POSITION(varyings.position, geometry);
    var offset = edgePadding * attributes.positions * varyings.outerRadiusPixels;
    offset = vec3<f32>(offset.xy + attributes.instancePixelOffset, offset.z);
    // DECKGL_FILTER_SIZE(offset, geometry);
    let clipPixels = project_pixel_size_to_clipspace(offset.xy);
    varyings.position = vec4<f32>(varyings.position.x + clipPixels.x, varyings.position.y + clipPixels.y, varyings.position.z, varyings.position.w);
    geometry.position = vec4<f32>(
      geometry.position.xy + project_pixel_size_vec2(offset.xy),
      geometry.position.zw
    );
  } else {
    var offset = edgePadding * attributes.positions * project_pixel_size_float(varyings.outerRadiusPixels);
    offset = vec3<f32>(offset.xy + project_pixel_size_vec2(attributes.instancePixelOffset), offset.z);
    // DECKGL_FILTER_SIZE(offset, geometry);
    let projectedPosition = project_position_to_clipspace_and_commonspace(
      attributes.instancePositions,
      attributes.instancePositions64Low,
      offset
    );
    geometry.position = projectedPosition.commonPosition;
    varyings.position = projectedPosition.clipPosition;
    // DECKGL_FILTER_GL_POSITION(varyings.position, geometry);
  }

  varyings.clipCoordinates = geometry.position.xy;
  clip_filterPosition(&varyings.position, geometry.worldPosition.xy);

  // Apply opacity to instance color, or return instance picking color
  varyings.vFillColor = vec4<f32>(attributes.instanceFillColors.rgb, attributes.instanceFillColors.a * layer.opacity);
  // DECKGL_FILTER_COLOR(varyings.vFillColor, geometry);
  varyings.vLineColor = vec4<f32>(attributes.instanceLineColors.rgb, attributes.instanceLineColors.a * layer.opacity);
  // DECKGL_FILTER_COLOR(varyings.vLineColor, geometry);
  varyings.pickingColor = geometry.pickingColor;

  return varyings;
}

@fragment
fn fragmentMain(varyings: Varyings) -> @location(0) vec4<f32> {
  // var geometry: Geometry;
  // geometry.uv = unitPosition;

  let distToCenter = length(varyings.unitPosition) * varyings.outerRadiusPixels;
  let inCircle = select(
    step(distToCenter, varyings.outerRadiusPixels),
    smoothedge(distToCenter, varyings.outerRadiusPixels),
    scatterplot.antialiasing != 0
  );

  if (inCircle == 0.0) {
    discard;
  }

  var fragColor: vec4<f32>;

  if (scatterplot.stroked != 0) {
    let isLine = select(
      step(varyings.innerUnitRadius * varyings.outerRadiusPixels, distToCenter),
      smoothedge(varyings.innerUnitRadius * varyings.outerRadiusPixels, distToCenter),
      scatterplot.antialiasing != 0
    );

    if (scatterplot.filled != 0) {
      fragColor = mix(varyings.vFillColor, varyings.vLineColor, isLine);
    } else {
      if (isLine == 0.0) {
        discard;
      }
      fragColor = vec4<f32>(varyings.vLineColor.rgb, varyings.vLineColor.a * isLine);
    }
  } else if (scatterplot.filled == 0) {
    discard;
  } else {
    fragColor = varyings.vFillColor;
  }

  fragColor.a *= inCircle;

  clip_filterColor(varyings.clipCoordinates);

  if (picking.isActive > 0.5) {
    if (!picking_isColorValid(varyings.pickingColor)) {
      discard;
    }
    return vec4<f32>(varyings.pickingColor, 1.0);
  }

  if (picking.isHighlightActive > 0.5) {
    let highlightedObjectColor = picking_normalizeColor(picking.highlightedObjectColor);
    if (picking_isColorZero(abs(varyings.pickingColor - highlightedObjectColor))) {
      let highLightAlpha = picking.highlightColor.a;
      let blendedAlpha = highLightAlpha + fragColor.a * (1.0 - highLightAlpha);
      if (blendedAlpha > 0.0) {
        let highLightRatio = highLightAlpha / blendedAlpha;
        fragColor = vec4<f32>(
          mix(fragColor.rgb, picking.highlightColor.rgb, highLightRatio),
          blendedAlpha
        );
      } else {
        fragColor = vec4<f32>(fragColor.rgb, 0.0);
      }
    }
  }

  // Apply premultiplied alpha as required by transparent canvas
  fragColor = deckgl_premultiplied_alpha(fragColor);

  return fragColor;
  // return vec4<f32>(0, 0, 1, 1);
}
`;function Bw(e){return zw.replace(`PICKING_COLOR_ATTRIBUTE`,e?`@location(8) rowIndexes: u32,`:``).replace(`PICKING_COLOR_VALUE`,e?`picking_getPickingColorFromIndex(attributes.rowIndexes)`:`picking_getPickingColorFromIndex(attributes.instanceIndex)`)}var Vw=0,Hw=1,Uw={name:`clip`,source:`\
struct ClipUniforms {
  enabled: i32,
  mode: i32,
  bounds: vec4<f32>,
};

@group(2) @binding(auto) var<uniform> clipUniforms: ClipUniforms;

fn clip_isInBounds(coordinates: vec2<f32>) -> bool {
  return coordinates.x >= clipUniforms.bounds.x &&
    coordinates.y >= clipUniforms.bounds.y &&
    coordinates.x < clipUniforms.bounds.z &&
    coordinates.y < clipUniforms.bounds.w;
}

fn clip_filterPosition(position: ptr<function, vec4<f32>>, instanceCoordinates: vec2<f32>) {
  if (
    clipUniforms.enabled != 0 &&
    clipUniforms.mode == ${Hw} &&
    !clip_isInBounds(instanceCoordinates)
  ) {
    *position = vec4<f32>(2.0, 2.0, 2.0, 1.0);
  }
}

fn clip_filterColor(geometryCoordinates: vec2<f32>) {
  if (
    clipUniforms.enabled != 0 &&
    clipUniforms.mode == ${Vw} &&
    !clip_isInBounds(geometryCoordinates)
  ) {
    discard;
  }
}
`,props:{},uniforms:{},bindingLayout:[{name:`clip`,group:2}],uniformTypes:{enabled:`i32`,mode:`i32`,bounds:`vec4<f32>`},defaultUniforms:{enabled:0,mode:Vw,bounds:[0,0,1,1]},getUniforms(e={}){let t={};return e.enabled!==void 0&&(t.enabled=+!!e.enabled),e.mode!==void 0&&(t.mode=e.mode===`instance`?Hw:Vw),e.bounds!==void 0&&(t.bounds=e.bounds),t}},Ww=[0,0,0,255],Gw={radiusUnits:`meters`,radiusScale:{type:`number`,min:0,value:1},radiusMinPixels:{type:`number`,min:0,value:0},radiusMaxPixels:{type:`number`,min:0,value:2**53-1},lineWidthUnits:`meters`,lineWidthScale:{type:`number`,min:0,value:1},lineWidthMinPixels:{type:`number`,min:0,value:0},lineWidthMaxPixels:{type:`number`,min:0,value:2**53-1},stroked:!1,filled:!0,billboard:!1,antialiasing:!0,getPosition:{type:`accessor`,value:e=>e.position},getRadius:{type:`accessor`,value:1},getFillColor:{type:`accessor`,value:Ww},getLineColor:{type:`accessor`,value:Ww},getLineWidth:{type:`accessor`,value:1},getPixelOffset:{type:`accessor`,value:[0,0]},strokeWidth:{deprecatedFor:`getLineWidth`},outline:{deprecatedFor:`stroked`},getColor:{deprecatedFor:[`getFillColor`,`getLineColor`]}},Kw=class extends lS{getShaders(){let e=!!this.props.data?.attributes?.rowIndexes;return super.getShaders({vs:Lw,fs:Rw,source:Bw(e),defines:e?{USE_ROW_INDEXES:!0}:{},modules:[ou,Gs,id,Iw,...this.context.device.type===`webgpu`?[Uw]:[]]})}initializeState(){let e=this.props.data?.attributes?.rowIndexes?{rowIndexes:{size:1,type:`uint32`,noAlloc:!0}}:{};this.getAttributeManager().addInstanced({instancePositions:{size:3,type:`float64`,fp64:this.use64bitPositions(),transition:!0,accessor:`getPosition`},instanceRadius:{size:1,transition:!0,accessor:`getRadius`,defaultValue:1,bufferGroup:`scatterplot-instance-data`},instanceFillColors:{size:this.props.colorFormat.length,transition:!0,type:`unorm8`,accessor:`getFillColor`,defaultValue:[0,0,0,255],bufferGroup:`scatterplot-instance-data`},instanceLineColors:{size:this.props.colorFormat.length,transition:!0,type:`unorm8`,accessor:`getLineColor`,defaultValue:[0,0,0,255],bufferGroup:`scatterplot-instance-data`},instanceLineWidths:{size:1,transition:!0,accessor:`getLineWidth`,defaultValue:1,bufferGroup:`scatterplot-instance-data`},instancePixelOffset:{size:2,transition:!0,accessor:`getPixelOffset`,bufferGroup:`scatterplot-instance-data`},...e})}updateState(e){super.updateState(e),e.changeFlags.extensionsChanged&&(this.state.model?.destroy(),this.state.model=this._getModel(),this.getAttributeManager().invalidateAll())}draw({uniforms:e}){let{radiusUnits:t,radiusScale:n,radiusMinPixels:r,radiusMaxPixels:i,stroked:a,filled:o,billboard:s,antialiasing:c,lineWidthUnits:l,lineWidthScale:u,lineWidthMinPixels:d,lineWidthMaxPixels:f}=this.props,p={stroked:a,filled:o,billboard:s,antialiasing:c,radiusUnits:Rl[t],radiusScale:n,radiusMinPixels:r,radiusMaxPixels:i,lineWidthUnits:Rl[l],lineWidthScale:u,lineWidthMinPixels:d,lineWidthMaxPixels:f},m=this.state.model;m.shaderInputs.setProps({scatterplot:p}),m.draw(this.context.renderPass)}_getModel(){let e=[-1,-1,0,1,-1,0,-1,1,0,1,1,0];return new Vf(this.context.device,{...this.getShaders(),id:this.props.id,bufferLayout:this.getAttributeManager().getBufferLayouts(),geometry:new $d({topology:`triangle-strip`,attributes:{positions:{size:3,value:new Float32Array(e)}}}),isInstanced:!0})}};Kw.defaultProps=Gw,Kw.layerName=`ScatterplotLayer`;var qw=`layout(std140) uniform qkPointsUniforms {
  float radiusScale;
  float radiusMinPixels;
  float radiusMaxPixels;
  float lineWidthPixels;
  vec4 lineColor;
  float stroked;
  highp int radiusUnits;
  float baseRadius;
} qkPoints;
`,Jw={name:`qkPoints`,vs:qw,fs:qw,source:``,uniformTypes:{radiusScale:`f32`,radiusMinPixels:`f32`,radiusMaxPixels:`f32`,lineWidthPixels:`f32`,lineColor:`vec4<f32>`,stroked:`f32`,radiusUnits:`i32`,baseRadius:`f32`}},Yw=`#version 300 es
#define SHADER_NAME qk-points-layer-vs
in vec3 positions;
in vec3 positions64Low;
in vec4 colors;
in float radii;
out vec4 vColor;
out float vRadius;
void main(void) {
  geometry.worldPosition = positions;
  if (picking.isActive > 0.5) geometry.pickingColor = picking_getPickingColorFromIndex(float(gl_VertexID));
  gl_Position = project_position_to_clipspace(positions, positions64Low, vec3(0.0), geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  float r = qkPoints.baseRadius > 0.0
    // sizes relative to the base radius as drawn (clamped): visible at any zoom
    ? clamp(project_size_to_pixel(qkPoints.radiusScale * qkPoints.baseRadius, qkPoints.radiusUnits),
            qkPoints.radiusMinPixels, qkPoints.radiusMaxPixels) * radii / qkPoints.baseRadius
    : clamp(project_size_to_pixel(qkPoints.radiusScale * radii, qkPoints.radiusUnits),
            qkPoints.radiusMinPixels, qkPoints.radiusMaxPixels);
  vRadius = r * project.devicePixelRatio;
  gl_PointSize = 2.0 * vRadius + 1.0;
  vColor = vec4(colors.rgb, colors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`,Xw=`#version 300 es
#define SHADER_NAME qk-points-layer-fs
precision highp float;
in vec4 vColor;
in float vRadius;
out vec4 fragColor;
void main(void) {
  // distance from the centre in pixels; soft edge of one pixel
  vec2 p = (gl_PointCoord - 0.5) * (2.0 * vRadius + 1.0);
  float d = length(p);
  float edge = 1.0 - smoothstep(vRadius - 0.5, vRadius + 0.5, d);
  if (edge <= 0.0) discard;
  vec4 c = vColor;
  if (qkPoints.stroked > 0.5 && vRadius >= 2.5 * qkPoints.lineWidthPixels && d > vRadius - qkPoints.lineWidthPixels) {
    c = vec4(qkPoints.lineColor.rgb, qkPoints.lineColor.a * layer.opacity);
  }
  fragColor = vec4(c.rgb, c.a * edge);
  if (picking.isActive > 0.5) fragColor.a = 1.0;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`,Zw={radiusUnits:`common`,radiusScale:{type:`number`,min:0,value:1},radiusMinPixels:{type:`number`,min:0,value:.75},radiusMaxPixels:{type:`number`,min:0,value:64},stroked:!1,lineWidthPixels:1,lineColor:{type:`color`,value:[255,255,255,255]},baseRadius:0,getPosition:{type:`accessor`,value:e=>e.position},getFillColor:{type:`accessor`,value:[0,0,0,255]},getRadius:{type:`accessor`,value:1}},Qw=class extends lS{static layerName=`QkPointsLayer`;static defaultProps=Zw;getShaders(){return super.getShaders({vs:Yw,fs:Xw,modules:[ou,Gs,id,Jw]})}initializeState(){this.getAttributeManager().add({positions:{size:3,type:`float64`,fp64:this.use64bitPositions(),accessor:`getPosition`},colors:{size:4,type:`unorm8`,accessor:`getFillColor`,defaultValue:[0,0,0,255]},radii:{size:1,accessor:`getRadius`,defaultValue:1}})}updateState(e){super.updateState(e),(e.changeFlags.extensionsChanged||!this.state.model)&&(this.state.model?.destroy(),this.state.model=this._getModel(),this.getAttributeManager().invalidateAll())}draw(){let e=this.props,t=this.state.model;if(!t)return;let n=e.lineColor??[255,255,255,255],r={radiusScale:e.radiusScale,radiusMinPixels:e.radiusMinPixels,radiusMaxPixels:e.radiusMaxPixels,lineWidthPixels:e.lineWidthPixels,lineColor:[n[0]/255,n[1]/255,n[2]/255,(n[3]??255)/255],stroked:+!!e.stroked,radiusUnits:Rl[e.radiusUnits],baseRadius:e.baseRadius??0};t.shaderInputs.setProps({qkPoints:r}),t.setVertexCount(this.getNumInstances()),t.draw(this.context.renderPass)}_getModel(){return new Vf(this.context.device,{...this.getShaders(),id:this.props.id,bufferLayout:this.getAttributeManager().getBufferLayouts({isInstanced:!1}),topology:`point-list`,isInstanced:!1,vertexCount:0})}},$w=.0032;function eT(e,t,n,r=null){let i={getPosition:{value:e,size:t},getFillColor:{value:n,size:4,normalized:!0}};return r&&(i.getRadius={value:r,size:1}),{length:e.length/t,attributes:i}}function tT(e,t){return new Qw({id:e,data:t,coordinateSystem:Il.CARTESIAN,radiusUnits:`common`,getRadius:$w,radiusMinPixels:.75,radiusMaxPixels:5,pickable:!0,parameters:{depthCompare:`always`},baseRadius:t.attributes.getRadius?$w:0})}var nT=[...M.query,255],rT=[...M.key,255];function iT(e){return e===`query`?nT:rT}var aT=new WeakMap,oT=new Map;function sT(e,t,n,r){return new Qw({id:e,data:t,getPosition:e=>e.position,getFillColor:e=>iT(e.role),lineColor:n,stroked:!0,lineWidthPixels:1,radiusUnits:`common`,getRadius:$w*r.scale,radiusMinPixels:r.minPixels,radiusMaxPixels:r.maxPixels,pickable:!0,coordinateSystem:Il.CARTESIAN,updateTriggers:r.trigger===void 0?{}:{getLineColor:[r.trigger]},parameters:{depthCompare:`always`}})}function cT(e,t){return new Pw({id:`attention-lines`,data:e,getSourcePosition:e=>e.source,getTargetPosition:e=>e.target,getColor:e=>[t[0],t[1],t[2],Math.round(50+205*e.w)],getWidth:e=>1+3*e.w,updateTriggers:{getColor:[t.join()]},widthUnits:`pixels`,coordinateSystem:Il.CARTESIAN,parameters:{depthCompare:`always`}})}function lT(e,t,n){return new Kw({id:`selected-point`,data:aT.get(e)??(aT.set(e,[e]),aT.get(e)),getPosition:e=>e,getFillColor:iT(t),getLineColor:n,stroked:!0,lineWidthUnits:`pixels`,getLineWidth:2.5,radiusUnits:`pixels`,getRadius:6,coordinateSystem:Il.CARTESIAN,parameters:{depthCompare:`always`}})}var uT=new WeakMap;function dT(e){let t=uT.get(e);if(!t){t={};for(let n=0;n<e.count;n++)t[n]={x:n%e.columns*e.tile,y:Math.floor(n/e.columns)*e.tile,width:e.tile,height:e.tile};uT.set(e,t)}return t}function fT(e,t,n,r,i){let a=oT.get(2*n);return a||oT.set(2*n,a=Array.from({length:2*n},(e,t)=>t)),new Dw({id:`thumbs`,data:a,iconAtlas:i,iconMapping:dT(r),getIcon:e=>String(e%n),getPosition:n=>t===3?[e[n*3],e[n*3+1],e[n*3+2]]:[e[n*2],e[n*2+1]],sizeUnits:`common`,getSize:.035,sizeMinPixels:4,sizeMaxPixels:40,pickable:!0,coordinateSystem:Il.CARTESIAN,updateTriggers:{getPosition:[e]}})}function pT(e,t,n,r={}){let i=r.charW??6.6,a=r.h??14,o=r.max??200,s=r.pad??2,c=[...e].sort((e,t)=>t.priority-e.priority),l=new Map,u=[],d=(e,t)=>e*100003+t;for(let e of c){if(u.length>=o)break;let r=e.text.length*i+6,c=e.x+4,f=e.y-a/2;if(c<0||f<0||c+r>t||f+a>n)continue;let p=Math.floor(c/64),m=Math.floor((c+r)/64),h=Math.floor(f/64),g=Math.floor((f+a)/64),_=!1;for(let e=p;e<=m&&!_;e++)for(let t=h;t<=g&&!_;t++)for(let n of l.get(d(e,t))??[])if(c<n.x+4+n.w+s&&c+r+s>n.x+4&&f<n.y-n.h/2+n.h+s&&f+a+s>n.y-n.h/2){_=!0;break}if(_)continue;let v={...e,w:r,h:a};u.push(v);for(let e=p;e<=m;e++)for(let t=h;t<=g;t++){let n=d(e,t);l.has(n)||l.set(n,[]),l.get(n).push(v)}}return u}var mT=160,hT=class{scene;placed=[];timer;constructor(e){this.scene=e}get count(){return this.placed.length}schedule(e,t,n=120){clearTimeout(this.timer),this.timer=setTimeout(()=>t(this.place(e())),n)}cancel(){clearTimeout(this.timer),this.placed=[]}place(e){if(!e)return this.placed.length&&(this.placed=[],this.scene.drawOverlays()),0;let[t,n]=this.scene.size(),r=e.n,i=[];return e.candidates((t,n,a)=>{let o=e.worldOf(t,n),s=o&&this.scene.screenOf(o);s&&i.push({x:s[0],y:s[1],text:e.text(t),priority:a,key:n===`key`?r+t:t})}),this.placed=pT(i,t,n,{max:mT}).map(t=>({text:t.text,world:e.worldOf(t.key%r,t.key>=r?`key`:`query`)})),this.scene.drawOverlays(),this.placed.length}draw(e,t,n){if(this.placed.length){e.font=`11px system-ui, Helvetica, Arial, sans-serif`,e.textBaseline=`middle`;for(let r of this.placed){if(!r.world)continue;let i=t.project(r.world);if(!i)continue;let a=e.measureText(r.text).width;e.fillStyle=gC(n.labelBg),e.fillRect(i[0]+5,i[1]-7,a+6,14),e.fillStyle=gC(n.text),e.fillText(r.text,i[0]+8,i[1])}}}};function gT(e){let{info:t,heads:n}=e,[r,i]=F(e.index,t.n_heads),a=Z(`section`,{id:`head-info`},Z(`h3`,{},`layer ${r} \u00b7 head ${i}`));t.n_kv_heads!==t.n_heads&&a.append(Z(`div`,{class:`muted`},`reads key head ${t.model.kv_head_of?.[i]??`?`} (grouped-query)`)),a.append(..._T(e.headInfo));let o=n?n.row(e.index):-1;if(n&&o>=0){let e=n.label(o);e&&a.append(Z(`div`,{},Z(`span`,{class:`chip`,style:`background:${N(n.labelColor(e))}`},e),` `,Z(`span`,{class:`muted`},n.rule(o)))),a.append(vC(n.metrics.slice(0,14).map(e=>[e,yC(n.column(e)?.[o])])))}else e.headInfo?.label&&a.append(Z(`div`,{},Z(`span`,{class:`chip`},e.headInfo.label),` `,Z(`span`,{class:`muted`},e.headInfo.rule??``)));e.headInfo?.analysis_error?a.append(Z(`div`,{class:`warn`,id:`analysis-error`},e.headInfo.analysis_error)):!(n&&o>=0)&&e.headsError&&a.append(Z(`div`,{class:`muted`},e.headsError));let s=Object.entries(e.headInfo?.fidelity??{}),c=e.headInfo?.geometry??{},l=e.layout??``;l&&(l in c||e.headInfo?.fidelity[l]!=null)&&a.append(Z(`div`,{id:`head-measures`,title:`${He.fidelity}\n${He.geometry}`},vC([[`fidelity (${l})`,yC(e.headInfo?.fidelity[l])],[`geometry (${l})`,l in c?yC(c[l]):`not measured`]])));let u=s.filter(([e])=>e!==l);u.length&&a.append(Z(`div`,{id:`head-fidelity`,title:`how much of the attention the layout shows (neighbour overlap with the top attended keys)`},vC(u.map(([e,t])=>[`fidelity ${e}`,yC(t)]))));let d=Z(`div`,{class:`similar`,id:`similar`}),f=Z(`section`,{},Z(`h3`,{},`similar heads`),d);if(e.similar)for(let n of e.similar){let r=Z(`canvas`,{width:66,height:66}),i=n.layer*t.n_heads+n.head;vT(r,e.cloud(i)),d.append(Z(`figure`,{title:`layer ${n.layer} head ${n.head}`,onclick:()=>void e.actions.focusHead(i)},r,Z(`figcaption`,{},`L${n.layer} H${n.head}${n.score===null?``:` \u00b7 ${n.score.toFixed(2)}`}`)))}else d.append(Z(`span`,{class:`muted`},e.similarError||`loading…`));let p=Z(`div`,{style:`margin-top:6px; display:flex; gap:4px; flex-wrap:wrap`});return e.selected&&p.append(Z(`button`,{id:`open-sequence`,onclick:()=>e.actions.openSequence()},`sequence view`)),t.images&&p.append(Z(`button`,{id:`open-image`,onclick:()=>e.actions.openImage()},`image view`)),a.append(p),Z(`div`,{},a,f)}function _T(e){if(!e||!e.beyond_qk.length)return[];let t=Z(`ul`,{class:`beyond`},...e.beyond_qk.map(e=>Z(`li`,{},e)));return[Z(`div`,{id:`beyond-qk`,class:`beyond-qk`,title:`attention terms that the q·k layout does not show`},Z(`div`,{class:`muted`},`attention beyond q·k (not in the layout):`),t)]}function vT(e,t){let n=e.getContext(`2d`);if(n.clearRect(0,0,e.width,e.height),!t)return;let r=2*t.m,i=Math.max(1,Math.floor(r/3e3));for(let a=0;a<r;a+=i){let r=3+t.local[a*2]*(e.width-6),i=3+(1-t.local[a*2+1])*(e.height-6);n.fillStyle=a<t.m?`rgba(44,170,90,0.55)`:`rgba(230,60,150,0.55)`,n.fillRect(r,i,1.3,1.3)}}var yT=[40,110,235],bT=[205,205,205],xT=[225,45,40];function ST(e,t,n,r){if(!n||!n.length)return null;let i=0;for(let e=1;e<n.length;e++)n[e]>n[i]&&(i=e);return t===`query`?{query:e,key:r+i}:{query:r+i,key:e}}function CT(e,t){let n=new Uint8Array(e.length*4),r=t>0?t:1;for(let t=0;t<e.length;t++){let i=Math.max(-1,Math.min(1,e[t]/r)),a=i<0?yT:xT,o=Math.sqrt(Math.abs(i));for(let e=0;e<3;e++)n[t*4+e]=Math.round(bT[e]+(a[e]-bT[e])*o);n[t*4+3]=210}return n}function wT(e){let t=new Uint8Array(e.length*4);for(let n=0;n<e.length;n++)t.set(Ne(ke.viridis,e[n]/255),n*4),t[n*4+3]=210;return t}var TT=class{ctx;index=-1;comps=null;compsError=``;top=null;topError=``;contrib=null;contribKey=``;contribError=``;colorBy=``;colorData=null;constructor(e){this.ctx=e}get available(){return!!(this.ctx.source.components||this.ctx.source.topSequences)}get colorKey(){return this.colorData&&this.colorBy?this.colorData.key:``}colors(e){return this.colorData&&this.colorBy&&this.colorData.key.startsWith(`${e}|`)?this.colorData.colors:null}async load(e){if(e===this.index)return;this.index=e,this.comps=this.top=this.contrib=null,this.compsError=this.topError=this.contribError=this.contribKey=``,this.colorData=null;let{source:t,store:n}=this.ctx,[r,i]=F(e,n.get().info.n_heads),a=t.components?.(r,i).then(t=>{this.index===e&&(this.comps=t)},t=>{this.index===e&&(this.compsError=t.message)}),o=t.topSequences?.(r,i).then(t=>{this.index===e&&(this.top=t)},t=>{this.index===e&&(this.topError=t.message)});await Promise.all([a,o]),this.index===e&&(this.ctx.actions.refreshPanel(),this.colorBy&&await this.loadColors())}async setColor(e){this.colorBy=e,await this.loadColors()}async loadColors(){let e=this.index,t=this.colorBy,{source:n,store:r}=this.ctx;if(e<0||!t){this.colorData=null,this.ctx.recolor();return}let[i,a]=F(e,r.get().info.n_heads);try{let r;if(t===`v`)r=wT((await n.valueNorms(i,a)).norms);else{let e=await n.componentScores(i,a,Number(t.slice(1)));r=CT(e.scores,e.maxAbs)}if(e!==this.index||t!==this.colorBy)return;this.colorData={key:`${e}|${t}`,colors:r}}catch(e){this.colorData=null,this.ctx.actions.status(`colour by ${t===`v`?`||v||`:`component ${Number(t.slice(1))+1}`}: ${e.message}`,!0)}this.ctx.recolor(),this.ctx.actions.refreshPanel()}async loadContributions(e,t,n,r){try{let i=await this.ctx.source.contributions(e,t,n.query,n.key);if(this.contribKey!==r)return;this.contrib=i,this.contribError=``}catch(e){if(this.contribKey!==r)return;this.contrib=null,this.contribError=e.message}this.ctx.actions.refreshPanel()}panel(e,t){if(!this.available||this.index<0)return null;let n=this.ctx.store.get(),[r,i]=F(this.index,n.info.n_heads),a=Z(`section`,{id:`why`},Z(`h3`,{},`why this head attends`));a.append(this.sharesBlock(),this.colorControl());let o=mt(n),s=o&&this.ctx.source.contributions?ST(o.row,o.role,e,t):null;if(s){let e=`${this.index}|${s.query}|${s.key}`;e!==this.contribKey&&(this.contribKey=e,this.contrib=null,this.loadContributions(r,i,s,e)),a.append(this.contribBlock(s))}else this.ctx.source.contributions&&a.append(Z(`div`,{class:`muted`},`click a token: what each component adds to its top attention logit`));return a.append(this.topBlock()),a.dataset.colored=this.colorKey,a}sharesBlock(){let e=Z(`div`,{id:`why-shares`,title:`share of the head’s logit variance carried by each component of q·k (from the captured vectors)`});return this.comps?(e.append(Z(`div`,{class:`muted`},`components of q·k, share of logit variance`)),this.comps.shares.slice(0,8).forEach((t,n)=>e.append(DT(`c${n+1}`,t??0,1,`${((t??0)*100).toFixed(1)}%`))),e):e.appendChild(Z(`div`,{class:`muted`},this.compsError||`loading components…`)).parentElement}colorControl(){let e=this.ctx.source,t=Z(`select`,{id:`why-color`,title:`colour this head’s points by a component or by ||v||`});t.append(Q(``,`toolbar colour`));let n=Math.min(8,this.comps?.shares.length??8);if(e.componentScores)for(let e=0;e<n;e++)t.append(Q(`c${e}`,`component ${e+1}`));e.valueNorms&&t.append(Q(`v`,`value norm ||v||`)),t.value=this.colorBy,t.onchange=()=>void this.setColor(t.value);let r=e=>ET(Ne(ke.viridis,e)),i=this.colorBy?this.colorBy===`v`?Z(`span`,{class:`muted`},` `,r(0),` 0 `,r(.5),` `,r(1),` max`):Z(`span`,{class:`muted`},` `,ET(yT),` − `,ET(bT),` 0 `,ET(xT),` +`):null;return Z(`div`,{class:`why-row`},Z(`label`,{},`colour points: `,t),i)}contribBlock(e){let t=this.ctx.store.get().tokens,n=Z(`div`,{id:`why-contrib`});n.append(Z(`div`,{class:`muted`},`logit of \u201c${t.token(e.query)}\u201d \u2192 \u201c${t.token(e.key)}\u201d by component`));let r=this.contrib;if(!r)return n.appendChild(Z(`div`,{class:`muted`},this.contribError||`loading…`)).parentElement;let i=r.contributions.slice(0,8),a=r.rest+r.contributions.slice(8).reduce((e,t)=>e+t,0),o=Math.max(1e-9,...i.map(Math.abs),Math.abs(a));return i.forEach((e,t)=>n.append(DT(`c${t+1}`,e,o,e.toFixed(2)))),n.append(DT(`rest`,a,o,a.toFixed(2))),n.append(Z(`div`,{class:`why-total`},`logit ${r.logit.toFixed(2)} \u00b7 attention ${(r.probability*100).toFixed(1)}%`)),n}topBlock(){let e=Z(`div`,{id:`why-top`});if(!this.top)return e.appendChild(Z(`div`,{class:`muted`},this.topError||(this.ctx.source.topSequences?`loading top sequences…`:``))).parentElement;e.append(Z(`div`,{class:`muted`},`top sequences (${this.top.label}: ${this.top.metric})`));let t=Z(`ol`,{class:`why-list`}),n=this.ctx.store.get().seqs;for(let e of this.top.rows)t.append(Z(`li`,{title:`sequence ${e.seq}, score ${e.score?.toFixed(3)??`–`}: open it in the sequence view`,"data-seq":e.seq,onclick:()=>{n&&this.ctx.actions.selectToken(n.start[e.seq]+n.n_tokens[e.seq]-1,`query`).then(()=>this.ctx.actions.openSequence())}},Z(`span`,{class:`why-score`},e.score?.toFixed(2)??`–`),` `,e.text));return e.append(t),e}};function ET(e){return Z(`span`,{class:`why-swatch`,style:`background:rgb(${e.join(`,`)})`})}function DT(e,t,n,r){let i=Math.min(100,Math.abs(t)/n*100),a=Z(`div`,{class:`why-fill ${t<0?`neg`:`pos`}`,style:`width:${i.toFixed(1)}%`});return Z(`div`,{class:`why-bar`},Z(`span`,{class:`why-label`},e),Z(`div`,{class:`why-track`},a),Z(`span`,{class:`why-value`},r))}function OT(e,...t){return t.some(t=>e.has(t))}var kT=class{ctx;matrix;focus=null;att=null;attLoading=null;attWanted=``;similar=null;similarError=``;headInfo=null;headInfoError=``;labels;showId=0;colorCache=null;sprite=null;lineTargets=[];memos=new Map;layoutId=0;why;constructor(e,t){this.ctx=e,this.matrix=t,this.labels=new hT(e.renderer),this.why=new TT({...e,recolor:()=>e.renderer.render()})}mount(){this.ctx.renderer.add(this),this.ctx.store.get().thumbs&&this.loadSprite()}unmount(){this.showId++,this.labels.cancel(),this.ctx.renderer.remove(this),this.ctx.renderer.mode3d&&this.leave3d(),this.ctx.debug.labels=0,this.ctx.debug.lines=0,this.ctx.debug.similar=null}update(e){e.has(`thumbs`)&&this.ctx.store.get().thumbs&&this.loadSprite(),OT(e,`token`,`role`)&&this.syncAttention(),e.has(`heads`)&&this.focus&&this.loadSimilar(this.focus.index),OT(e,`found`,`token`,`role`,`view`)&&this.scheduleLabels()}get shown(){return this.focus?.index??-1}reset(){this.showId++,this.ctx.renderer.mode3d&&this.leave3d(),this.focus=null}async show(e,t,n){let r=++this.showId,{renderer:i,store:a}=this.ctx,o=a.get().grid;if(!o)return;this.similar=null,this.similarError=``,this.loadHeadInfo(e),this.why.load(e);let s=this.loadFocus(e);if(i.mode3d&&this.focus?.index!==e&&this.leave3d(),!i.mode3d){let[r,a]=i.size(),s=QS(o,e,r,a);await new Promise(e=>i.setViewState({...s,minZoom:-4,maxZoom:16},t?n?650:350:0,e))}try{await s}catch(e){r===this.showId&&this.ctx.actions.status(`Could not load head: ${e.message}`,!0);return}r===this.showId&&P(a.get())===e&&(this.focus?.dim===3&&!i.mode3d&&this.enter3d(),await this.syncAttention(),r===this.showId&&(i.render(),this.ctx.actions.refreshPanel(),this.loadSimilar(e),this.scheduleLabels()))}async loadFocus(e){if(this.focus?.index===e)return;let t=this.ctx.store.get(),n=t.info,[r,i]=F(e,n.n_heads),a=n.n_tokens,o,s,c,l=this.matrix.fullCoords(e);if(l)({coords:o,bounds:s,dim:c}=l);else{let e=await this.ctx.source.layout(t.layout,{layer:r,head:i});({coords:o,bounds:s,dim:c}=e)}let u=new Float32Array(2*a*2);KS(o,0,2*a,c,s,u,0);let d=c===3?qS(o,0,2*a,s):null;this.focus={index:e,n:a,dim:c,local:u,pos3d:d,world:null,worldKey:``},this.colorCache=null,this.layoutId++}enter3d(){let[e,t]=this.ctx.renderer.size();this.ctx.renderer.enterOrbit({target:[0,0,0],rotationX:15,rotationOrbit:30,zoom:Math.log2(Math.min(e,t)/1.35),minZoom:0,maxZoom:14}),this.ctx.renderer.render()}leave3d(){let{renderer:e,store:t}=this.ctx,n=t.get().grid,[r,i]=e.size();e.leaveOrbit(n?{...QS(n,P(t.get()),r,i),minZoom:-4,maxZoom:16}:{target:[0,0,0],zoom:0})}syncAttention(){let e=this.ctx.store.get(),t=mt(e),n=this.focus;if(!t||!n)return this.att=null,this.attWanted=``,Promise.resolve();let r=`${n.index}/${t.row}/${t.role}`;if(r===this.attWanted&&this.attLoading)return this.attLoading;if(r===this.att?.key)return Promise.resolve();this.attWanted=r;let[i,a]=F(n.index,e.info.n_heads),o=performance.now(),s=async()=>{let e;try{let s=await this.ctx.source.tokenAttention(i,a,t.row,t.role);e={key:r,index:n.index,sel:t,weights:s.weights,error:``},this.ctx.debug.timings.attention=performance.now()-o}catch(i){e={key:r,index:n.index,sel:t,weights:null,error:i.message}}this.attWanted===r&&(this.att=e,this.attLoading=null,this.ctx.renderer.render(),this.ctx.actions.refreshPanel(),this.scheduleLabels())};return this.attLoading=s(),this.attLoading}attention(){let e=mt(this.ctx.store.get()),t=this.att;return!e||!t||t.sel.row!==e.row||t.sel.role!==e.role?null:{weights:t.weights,start:t.sel.start,targets:this.lineTargets,error:t.error}}async loadSimilar(e){let t=this.ctx.store.get();if(!t.heads){this.similar=null,this.similarError=t.headsError||`head metrics unavailable`,this.ctx.actions.refreshPanel();return}let[n,r]=F(e,t.info.n_heads);try{let t=await this.ctx.source.similar(n,r,6);if(P(this.ctx.store.get())!==e)return;this.similar=t.heads,this.similarError=``}catch(e){this.similar=null,this.similarError=e.message}this.ctx.actions.refreshPanel()}async loadHeadInfo(e){let{source:t,store:n}=this.ctx;if(this.headInfo=null,this.headInfoError=``,!t.headInfo)return;let[r,i]=F(e,n.get().info.n_heads);try{let a=await t.headInfo(r,i);if(P(n.get())!==e)return;this.headInfo=a}catch(e){this.headInfoError=e.message}this.ctx.debug.headInfo=this.headInfo?{layer:r,head:i,beyondQk:this.headInfo.beyond_qk,analysisError:this.headInfo.analysis_error}:null,this.ctx.actions.refreshPanel()}panel(){let e=this.ctx.store.get(),t=gT({info:e.info,heads:e.heads,headsError:e.headsError,index:P(e),selected:e.token!==null&&mt(e)!==null,similar:this.similar,similarError:this.similarError,headInfo:this.headInfo,headInfoError:this.headInfoError,layout:e.layout??``,cloud:e=>this.matrix.cloud(e),actions:this.ctx.actions});this.ctx.debug.similar=this.similar?this.similar.length:null;let n=this.attention();return t.append(this.why.panel(n?.weights??null,n?.start??0)??``),t}worldOf(e,t){let n=this.focus;if(!n)return null;let r=(t===`key`?n.n:0)+e;if(this.ctx.renderer.mode3d)return n.pos3d?[n.pos3d[r*3],n.pos3d[r*3+1],n.pos3d[r*3+2]]:null;let i=this.ctx.store.get().grid;if(!i)return null;let a=YS(i,n.index),o=1-2*AS;return[a.x+AS+n.local[r*2]*o,a.y+AS+(1-n.local[r*2+1])*o]}focusWorld(){let e=this.focus,t=e.n,n=YS(this.ctx.store.get().grid,e.index),r=1-2*AS,i=`${n.x},${n.y}`;if(e.world&&e.worldKey===i)return e.world;let a=n.x+AS,o=n.y+AS,s=new Float32Array(2*t*2);for(let n=0;n<2*t;n++)s[n*2]=a+e.local[n*2]*r,s[n*2+1]=o+(1-e.local[n*2+1])*r;return e.world=s,e.worldKey=i,s}layers(){let e=this.ctx.store.get(),t=this.focus,n=e.info;if(!t||!n||t.index!==P(e)||e.view===`matrix`)return this.ctx.debug.lines=0,[];let r=this.ctx.renderer.mode3d,i=[],a=e.thumbs&&n.thumbnails&&this.sprite;if(r){if(!t.pos3d)return[];i.push(a?fT(t.pos3d,3,t.n,n.thumbnails,this.sprite):this.pointsLayer(t.pos3d,3))}else if(this.matrix.sampledAt(t.index)||e.thumbs||this.why.colorKey){let e=this.focusWorld();i.push(a?fT(e,2,t.n,n.thumbnails,this.sprite):this.pointsLayer(e,2))}return e.found&&e.found.rows.length&&i.push(this.searchLayer(e.found.rows)),i.push(...this.selectionLayers()),i}memo(e,t,n){let r=this.memos.get(e);if(r&&r.key===t)return r.value;let i=n();return this.memos.set(e,{key:t,value:i}),i}placeKey(){let e=this.focus,t=this.ctx.store.get().grid,n=t?YS(t,e.index):null;return`${e.index}|${this.ctx.renderer.mode3d}|${n?.x},${n?.y}|${this.layoutId}`}pointsLayer(e,t){let n=this.colors();return tT(`focus-points`,this.memo(`points`,`${this.placeKey()}|${this.colorCache?.key}`,()=>eT(e,t,n)))}colors(){let e=this.ctx.store.get(),t=this.focus.n,n=`${e.color}|${e.search}|${e.regex}|${e.found?.rows.length}|${this.focus?.index}|${this.why.colorKey}`;if(this.colorCache?.key===n)return this.colorCache.colors;let r,i=this.why.colors(this.focus.index);return i&&i.length===2*t*4?Dt(r=i.slice(),1,2*t,e.foundMask,null):e.color===`norm`?r=new Uint8Array(2*t*4).fill(160):(r=Tt(e.color,e.tokens,null),Dt(r,1,2*t,e.foundMask,null)),this.colorCache={key:n,colors:r},r}searchLayer(e){let t=this.focus;return sT(`focus-search-points`,this.memo(`search`,`${this.placeKey()}|${e.length}|${e[0]}|${e[e.length-1]}`,()=>{let n=[];for(let r=0;r<e.length;r++)for(let i of[`query`,`key`]){let a=this.worldOf(e[r],i);a&&n.push({position:a,index:t.index,row:e[r],role:i})}return n}),hC(this.ctx.store.get().theme).ring,{scale:1.8,minPixels:1.8,maxPixels:7})}selectionLayers(){let e=this.ctx.store.get(),t=mt(e),n=this.focus,r=this.ctx.debug;if(r.lines=0,this.lineTargets=[],!t)return r.lineTargets=[],[];let i=hC(e.theme),a=n.index,o=this.placeKey(),s=this.memo(`sequence`,`${o}|${t.start}|${t.n}`,()=>{let e=[];for(let n=0;n<t.n;n++)for(let r of[`query`,`key`]){let i=this.worldOf(t.start+n,r);i&&e.push({position:i,index:a,row:t.start+n,role:r})}return e}),c=this.memo(`me`,`${o}|${t.row}|${t.role}`,()=>this.worldOf(t.row,t.role)),l=this.att,u=!!(c&&l&&l.weights&&l.index===a&&l.sel.row===t.row&&l.sel.role===t.role),d=this.memo(`lines`,`${o}|${u?l.key:``}`,()=>{let e=[];if(!u)return e;let n=l.weights,r=rw(n,8,.9,.02),i=Math.max(...r.map(e=>n[e]),1e-9),a=t.role===`query`?`key`:`query`;for(let o of r){let r=this.worldOf(t.start+o,a);r&&e.push({source:c,target:r,w:n[o]/i,row:t.start+o})}return e});this.lineTargets=d.map(e=>({row:e.row,weight:e.w})),r.lines=d.length,r.lineTargets=this.lineTargets;let f=[sT(`seq-points`,s,i.ring,{scale:1.7,minPixels:2.5,maxPixels:8,trigger:e.theme}),cT(d,i.accent)];return c&&f.push(lT(c,t.role,i.accent)),f}pick(e){let t=e.layer.id,n=this.focus;if(!n)return null;if(t===`focus-points`||t===`thumbs`){let t=e.index;return{index:n.index,row:t%n.n,role:t<n.n?`query`:`key`}}if(t===`seq-points`||t===`focus-search-points`){let t=e.object;if(t)return{index:t.index,row:t.row,role:t.role}}return null}viewChanged(){this.scheduleLabels()}loadSprite(){!this.sprite&&this.ctx.store.get().info?.thumbnails&&this.ctx.source.thumbnails().then(e=>{this.sprite=e,this.ctx.renderer.render()},e=>this.ctx.actions.status(`Could not load thumbnails: ${e.message}`,!0))}scheduleLabels(){this.labels.schedule(()=>this.labelRequest(),e=>this.ctx.debug.labels=e)}labelRequest(){let e=this.ctx.store.get(),t=this.focus,n=this.ctx.renderer;if(!t||!e.info||!e.tokens||e.view===`matrix`||n.transitioning)return null;let r=e.tokens,i=t.n,a=mt(e),o=this.lineTargets;return{n:i,worldOf:(e,t)=>this.worldOf(e,t),text:e=>$e(r.token(e),20),candidates:t=>{if(a){t(a.row,a.role,1e3),o.forEach(e=>t(e.row,a.role===`query`?`key`:`query`,500+e.weight*100));for(let e=0;e<a.n;e++)t(a.start+e,a.role,100-e*.01)}let r=e.found?.rows??[];for(let e=0;e<Math.min(r.length,400);e++)t(r[e],`query`,50),t(r[e],`key`,49);if(n.scale>500||n.mode3d){let e=Math.max(1,Math.floor(2*i/600));for(let n=0;n<2*i;n+=e)t(n%i,n<i?`query`:`key`,1-n/(4*i))}}}}drawOver(e,t){this.labels.draw(e,t,hC(this.ctx.store.get().theme))}},AT=class{ctx;images=new Map;weights=null;key=``;seq=0;query=-1;error=``;mounted=!1;openId=0;constructor(e){this.ctx=e}mount(){this.mounted=!0,this.open()}unmount(){this.mounted=!1,this.ctx.root.style.display=`none`,this.ctx.root.replaceChildren(),this.ctx.debug.image=null}update(e){OT(e,`layer`,`head`,`token`,`role`,`info`)?this.open():e.has(`theme`)&&this.draw()}grid(e){let t=this.ctx.store.get(),n=t.tokens,r=t.seqs.start[e],i=t.seqs.n_tokens[e],a=0,o=0;for(let e=0;e<i;e++)a=Math.max(a,n.num(`patch_row`,r+e)),o=Math.max(o,n.num(`patch_col`,r+e));return[a+1,o+1]}rowOfPatch(e,t,n){let r=this.ctx.store.get(),i=r.tokens,a=r.seqs.start[e],o=r.seqs.n_tokens[e];for(let e=0;e<o;e++)if(i.num(`patch_row`,a+e)===t&&i.num(`patch_col`,a+e)===n)return a+e;return-1}async image(e){let t=this.images.get(e);return t||(t=await this.ctx.source.image(e),this.images.set(e,t)),t}async open(){let e=this.ctx.store.get(),t=e.info;if(!t||!t.images||!e.tokens||!this.mounted)return;let n=mt(e),r=++this.openId;this.ctx.root.style.display=`block`,this.seq=n?n.seq:Math.min(this.seq,t.n_sequences-1);let[i,a]=this.grid(this.seq);this.query=n&&n.seq===this.seq?n.row:this.rowOfPatch(this.seq,Math.floor(i/2),Math.floor(a/2));let[o,s]=F(P(e),t.n_heads),c=`${t.id}/${o}/${s}/${this.query}`;if(c!==this.key)try{let e=await this.ctx.source.tokenAttention(o,s,this.query,`query`);if(r!==this.openId)return;this.weights=e.weights,this.key=c,this.error=``}catch(e){if(r!==this.openId)return;this.weights=null,this.error=e.message}try{await this.image(this.seq)}catch{this.error=`could not load image ${this.seq}`}r===this.openId&&this.draw()}draw(){let e=this.ctx.store.get(),t=e.info,n=e.tokens,{actions:r}=this.ctx;if(!t||!n||!this.mounted)return;let i=this.seq,a=e.seqs.start[i],o=e.seqs.n_tokens[i],s=this.images.get(i),[c,l]=F(P(e),t.n_heads),[u,d]=this.grid(i),f=Z(`canvas`,{width:448,height:448,id:`image-canvas`,class:`click`}),p=f.getContext(`2d`);s&&p.drawImage(s,0,0,448,448);let m=448/d,h=448/u,g=this.weights,_=-1,v=-1,y=0,b=0;if(g){for(let e=0;e<o;e++)n.num(`patch_row`,a+e)<0?y+=g[e]:(g[e]>b&&(b=g[e]),g[e]>v&&(v=g[e],_=e));p.fillStyle=`rgba(0,0,0,0.45)`,p.fillRect(0,0,448,448);for(let e=0;e<o;e++){let t=n.num(`patch_row`,a+e),r=n.num(`patch_col`,a+e);if(t<0)continue;let i=b>0?g[e]/b:0;i<.02||(p.fillStyle=N(Ne(ke.heat,Math.sqrt(i)),.15+.6*i),p.fillRect(r*m,t*h,m,h))}}let x=n.num(`patch_row`,this.query),S=n.num(`patch_col`,this.query),C=this.query>=0&&x>=0,w=(e,t)=>[(t+.5)*m,(e+.5)*h];C&&(p.strokeStyle=`#4fb3ff`,p.lineWidth=2.5,p.strokeRect(S*m+1,x*h+1,m-2,h-2));let T=null;if(_>=0){let e=n.num(`patch_row`,a+_),t=n.num(`patch_col`,a+_);T=[e,t];let[r,i]=w(e,t);if(C&&(e!==x||t!==S)){let[e,t]=w(x,S);jT(p,e,t,r,i)}else C?(p.strokeStyle=`#fff`,p.lineWidth=2.5,p.beginPath(),p.arc(r,i,Math.max(m,h)*.7,0,Math.PI*2),p.stroke()):jT(p,224,-4,r,i)}f.onclick=e=>{let t=f.getBoundingClientRect(),n=Math.floor((e.clientX-t.left)/t.width*d),a=Math.floor((e.clientY-t.top)/t.height*u),o=this.rowOfPatch(i,a,n);o>=0&&r.selectToken(o,`query`)};let E=xC,D=e=>{let n=(i+e+t.n_sequences)%t.n_sequences;this.seq=n;let[a,o]=this.grid(n),s=this.rowOfPatch(n,Math.floor(a/2),Math.floor(o/2));s>=0&&r.selectToken(s,`query`)},O=Z(`div`,{class:`head`},Z(`button`,{id:`close-overlay`,onclick:()=>r.closeOverlay(),title:`back (Esc)`},`← back`),Z(`span`,{class:`title`},`Image ${i} \u00b7 layer ${c} head ${l}`),E(`◀`,`previous head`,()=>r.step(0,-1)),E(`▶`,`next head`,()=>r.step(0,1)),E(`▲`,`previous layer`,()=>r.step(-1,0)),E(`▼`,`next layer`,()=>r.step(1,0)),Z(`span`,{class:`muted`},`| image`),E(`◀`,`previous image`,()=>D(-1),`prev-image`),E(`▶`,`next image`,()=>D(1),`next-image`),E(`[CLS] as query`,`show the attention of the [CLS] token`,()=>void r.selectToken(a,`query`),`cls-query`)),ee=e.seqs.text[i]??``,k=Z(`div`,{class:`text`});if(this.error)k.append(this.error);else if(g&&T){let e=C?`patch r${x}c${S}`:`[CLS]`;k.append(`${ee}: query ${e} \u2192 most attended patch r${T[0]}c${T[1]} (${(v*100).toFixed(1)}%); [CLS] receives ${(y*100).toFixed(1)}%. Click a patch to choose it.`)}this.ctx.root.replaceChildren(O,k,Z(`div`,{class:`panes`},Z(`div`,{class:`pane`},f))),this.ctx.root.style.display=`block`,this.ctx.debug.image={seq:i,query:C?[x,S]:`CLS`,target:T,weight:v,cls:y,grid:[u,d],drawn:!!s&&!!g}}};function jT(e,t,n,r,i){let a=Math.atan2(i-n,r-t);for(let[o,s]of[[`rgba(0,0,0,0.8)`,5],[`#ffffff`,2.5]])e.strokeStyle=o,e.fillStyle=o,e.lineWidth=s,e.beginPath(),e.moveTo(t,n),e.lineTo(r-Math.cos(a)*12*.8,i-Math.sin(a)*12*.8),e.stroke(),e.beginPath(),e.moveTo(r,i),e.lineTo(r-12*Math.cos(a-.45),i-12*Math.sin(a-.45)),e.lineTo(r-12*Math.cos(a+.45),i-12*Math.sin(a+.45)),e.closePath(),e.fill()}var $=class extends Error{status;constructor(e,t){super(t),this.status=e,this.name=`SourceError`}},MT=class{budget;onEvict;map=new Map;used=0;constructor(e,t=()=>{}){this.budget=e,this.onEvict=t}get bytes(){return this.used}get size(){return this.map.size}has(e){return this.map.has(e)}get(e){let t=this.map.get(e);if(t)return this.map.delete(e),this.map.set(e,t),t.value}peek(e){return this.map.get(e)?.value}set(e,t,n,r=new Set){this.delete(e),this.map.set(e,{value:t,bytes:n}),this.used+=n;for(let[t,n]of this.map){if(this.used<=this.budget)break;t===e||r.has(t)||(this.map.delete(t),this.used-=n.bytes,this.onEvict(t,n.value))}}delete(e){let t=this.map.get(e);return t?(this.map.delete(e),this.used-=t.bytes,this.onEvict(e,t.value),!0):!1}clear(){for(let e of[...this.map.keys()])this.delete(e)}keys(){return[...this.map.keys()]}values(){return[...this.map.values()].map(e=>e.value)}};function*NT(){for(let e=1;;e*=10)for(let t of[1,2,5])yield t*e}function PT(e,t,n){if(e<=0)return[];let r=e-1;if(r===0||r*t<n)return[0];let i=1;for(let e of NT())if(i=e,e*t>=n||e>=r)break;let a=[];for(let e=0;e<r;e+=i)a.push(e);for(;a.length>1&&(r-a[a.length-1])*t<n;)a.pop();return a.push(r),a}function FT(e,t,n){let r=hC(e.theme),i=e.heads,a=e.tint;if(!i||a===`none`)return r.cell;let o=i.row(t.index);if(o<0)return r.cell;let s=n<300;if(a===`label`)return _C(r.cell,i.labelColor(i.label(o)),s?.28:.1);if(We(a)){let t=qe(e=>i.column(e),a,e.layout??``,o);return t===null?r.cell:_C(r.cell,Je(t),s?.55:.2)}let c=a.slice(7),l=i.column(c);if(!l)return r.cell;let[u,d]=i.metricExtent(c),f=l[o];return typeof f!=`number`||!Number.isFinite(f)?r.cell:_C(r.cell,Ne(ke.viridis,ze(f,u,d)),s?.45:.15)}function IT(e,t,n,r,i){let a=n.grid;if(!n.info||!a||t.mode3d)return[];let o=hC(n.theme),s=t.view,c=t.width,l=t.height,u=2**(s.zoom??0),d=u*1,f=n.heads,p=n.tint===`label`&&f,m=n.sort!==`layer`,h=Math.min(12,Math.max(9,u/10));e.font=`${h}px system-ui, Helvetica, Arial, sans-serif`,e.textBaseline=`bottom`;for(let t of a.slots){let[a,h]=IS(s,c,l,t.x,t.y);if(a>c||h>l+20||a+d<0||h+d<-20)continue;e.fillStyle=gC(FT(n,t,u)),e.fillRect(a,h,d,d),i(t.index)&&RT(e,a,h,d,o.cellLine);let g=f?f.row(t.index):-1;if(e.strokeStyle=gC(t.index===r?o.accent:p&&g>=0?[...f.labelColor(f.label(g)),255]:o.cellLine),e.lineWidth=t.index===r||p?2:1,d>=3&&e.strokeRect(a+.5,h+.5,d-1,d-1),m&&u>=34||u>=110){let n=`L${t.layer} H${t.head}`;p&&g>=0&&u>=110&&(n+=` \u00b7 ${f.label(g)}`),e.fillStyle=gC(o.muted),e.fillText(n,a+1,h-2)}}return e.fillStyle=gC(o.muted),m||u>=110?[]:LT(e,t,a.nRows,a.nCols,h)}function LT(e,t,n,r,i){let a=t.view,o=t.width,s=t.height,c=2**(a.zoom??0),l=jS*c,u=1*c/2,d=[],[f,p]=IS(a,o,s,0,0),m=e.measureText(`L${n-1}`).width,h=Math.max(f-4,m+3);for(let e of PT(n,l,i+3)){let t=p+e*l+u;t<-i||t>s+i||d.push({axis:`layer`,index:e,text:`L${e}`,x:h,y:t,w:m,h:i})}let g=e.measureText(`H${r-1}`).width,_=Math.max(p-3,i+2);for(let e of PT(r,l,g+6)){let t=f+e*l+u;t<-g||t>o+g||d.push({axis:`head`,index:e,text:`H${e}`,x:t,y:_,w:g,h:i})}e.save();for(let t of d)e.textAlign=t.axis===`layer`?`right`:`center`,e.textBaseline=t.axis===`layer`?`middle`:`bottom`,e.fillText(t.text,t.x,t.y);return e.restore(),d}function RT(e,t,n,r,i){if(r<6)return;e.save(),e.beginPath(),e.rect(t,n,r,r),e.clip(),e.strokeStyle=gC([i[0],i[1],i[2],160]),e.lineWidth=1;let a=Math.max(5,r/8);e.beginPath();for(let i=-r;i<r;i+=a)e.moveTo(t+i,n+r),e.lineTo(t+i+r,n);e.stroke(),e.restore()}function zT(e,t,n){if(!t)return{m:e,rows:null,index:null};let r=new Int32Array(n).fill(-1);return t.forEach((e,t)=>r[e]=t),{m:e,rows:t,index:r}}function BT(e,t,n,r,i,a){let o=n.heads.map(([e,n])=>e*t+n),s=o.length,c=2*n.perRole,l=n.dim,u=new Float32Array(s*c*2);for(let e=0;e<s;e++)KS(n.coords,e*c,c,l,n.bounds.subarray(e*l*2,(e+1)*l*2),u,e*c*2);let d=new Float32Array(s*c*2),f=new Uint8Array(s*c*4),p={layer:e,heads:o,partial:a,level:r,dim:l,coords:n.coords,bounds:n.bounds,local:u,positions:d,colors:f,radii:null,norms:null,data:eT(d,2,f)};return i&&VT(p,i),p}function VT(e,t){let n=2*e.level.m,r=1-2*AS;for(let i=0;i<e.heads.length;i++){let a=YS(t,e.heads[i]),o=a.x+AS,s=a.y+AS,c=i*n*2;for(let t=0;t<n;t++)e.positions[c+t*2]=o+e.local[c+t*2]*r,e.positions[c+t*2+1]=s+(1-e.local[c+t*2+1])*r}}function HT(e,t){if(!t||!e.norms){e.radii=null;return}let n=new Float32Array(e.norms.length);for(let t=0;t<n.length;t++)n[t]=$w*(.3+1.6*e.norms[t]/255);e.radii=n}function UT(e){e.data=eT(e.positions,2,e.colors,e.radii)}function WT(e){return e.coords.byteLength+e.bounds.byteLength+e.local.byteLength+e.positions.byteLength+e.colors.byteLength+(e.radii?.byteLength??0)+(e.norms?.byteLength??0)}function GT(e,t,n,r){let i=e.level.index?e.level.index[n]:n;if(i<0||i===void 0)return null;let a=e.heads.indexOf(t);if(a<0)return null;let o=e.level.m,s=a*2*o+(r?o:0)+i;return[e.positions[s*2],e.positions[s*2+1]]}function KT(e,t,n){if(t.heads.length===e.heads.length)return t.norms;let r=2*e.level.m,i=new Uint8Array(e.heads.length*r);return t.heads.forEach(([a,o],s)=>{let c=e.heads.indexOf(a*n+o);c>=0&&i.set(t.norms.subarray(s*r,(s+1)*r),c*r)}),i}function qT(e,t,n,r){let i=[];for(let a of e)for(let e of a.heads)if(e!==n)for(let n=0;n<t.length;n++){for(let r of[!1,!0]){let o=GT(a,e,t[n],r);o&&i.push({position:o,index:e,row:t[n],role:r?`key`:`query`})}if(i.length>r)return i}return i}function JT(e){let t=Math.ceil(1*e.cellPx*e.cellPx),n=Math.floor(e.budget/(2*Math.max(1,e.heads))),r=Math.min(e.nTokens,t,n,e.limitPerRole??1/0);return Math.max(Math.min(e.nTokens,16),Math.floor(r))}function YT(e,t,n){return e?Math.floor(e/(Math.max(1,t)*2*n*2)):1/0}function XT(e,t,n){if(e>=n)return n;let r=t;for(;r*2<=e;)r*=2;return Math.min(r,n)}var ZT=15e5,QT=160<<20,$T=4,eE=300,tE=class{ctx;progress;budget;base=[];detail;levels=new Map;colorsOf=new Map;m=0;layout=null;shape=null;partial=!1;loadId=0;completePending=!1;searchCache=null;mounted=!1;refineTimer=0;refining=!1;refineAgain=!1;want=0;limitM=1/0;constructor(e,t=()=>{},n=ZT,r=QT){this.ctx=e,this.progress=t,this.budget=n,this.detail=new MT(r,()=>this.searchCache=null)}mount(){this.mounted=!0,this.ctx.renderer.add(this)}unmount(){this.mounted=!1,this.loadId++,clearTimeout(this.refineTimer),this.detail.clear(),this.ctx.renderer.remove(this)}update(e){let t=e.has(`grid`)?this.ctx.store.get().grid:null;if(t)for(let e of this.allChunks())VT(e,t),UT(e),this.searchCache=null;if(e.has(`color`)&&this.recolor(),e.has(`size`)&&this.resize(),OT(e,`foundMask`,`tokens`)){this.colorsOf.clear();for(let e of this.allChunks())this.colorChunk(e)}}get perRole(){return this.m}get complete(){return this.base.length>0&&this.base.every(e=>e)}get sampled(){return!!this.shape&&this.m<this.shape.n_tokens}get headsDrawn(){return this.base.reduce((e,t)=>e+(t?t.heads.length:0),0)}chunkOf(e){return(this.want>this.m?this.detail.peek(e):void 0)??this.base[e]??null}allChunks(){return[...this.base.filter(e=>e!==null),...this.detail.values()]}level(e){let t=this.shape.n_tokens,n=this.levels.get(e);return n||(n=e>=t?Promise.resolve(zT(t,null,t)):this.ctx.source.sample(e).then(n=>zT(e,n,t)),this.levels.set(e,n),n.catch(()=>this.levels.delete(e))),n}async load(e,t,n=Promise.resolve(),r={}){let{debug:i,renderer:a}=this.ctx,o=performance.now(),s=t.n_tokens;this.layout=e,this.shape=t,this.partial=!!r.partial,this.levels.clear(),this.colorsOf.clear(),this.detail.clear(),this.limitM=YT(t.limits?.response_bytes,t.n_heads,e.dim);let[c,l]=a.size(),u=JT({nTokens:s,cellPx:ZS(t.n_layers,t.n_heads,c,l)*(1-2*AS),budget:this.budget,heads:t.n_layers*t.n_heads,limitPerRole:this.limitM});for(let r=0;;r++){let a=++this.loadId;this.m=this.want=u,this.completePending=!1,this.base=Array(t.n_layers).fill(null),this.searchCache=null;try{let r=await this.fetchAll(a,e,t,u,n,o);if(a!==this.loadId)return!1;let c=this.headsDrawn*2*u;i.bytes={layout:r,points:c,perPoint:c?r/c:0,sample:u<s?u:null},i.timings.layout=performance.now()-o;break}catch(e){if(a!==this.loadId)return!1;if(e instanceof $&&e.status===413&&u>1&&r<12){u=Math.max(1,Math.floor(u/2)),this.limitM=Math.min(this.limitM,u);continue}return this.ctx.actions.status(`Could not load the layout: ${e.message}`,!0),!1}}return this.progress(0),this.reportLod(),this.completePending=!0,this.mounted&&(a.render(),this.ctx.actions.refreshPanel()),!0}async fetchAll(e,t,n,r,i,a){let o=()=>e===this.loadId,s=await this.level(r),c=0,l=0;this.progress(0);let u=Array.from({length:n.n_layers},(e,t)=>t);return await Promise.all(Array.from({length:Math.min($T,n.n_layers)},async()=>{for(;u.length&&o();){let e=u.shift(),r=await this.fetchChunk(t,e,s,i);if(!r||!o())return;c+=r.bytes,this.base[e]=r.chunk,l++,this.progress(l/n.n_layers),performance.now()-a>1200&&l<n.n_layers&&this.ctx.renderer.renderSoon(500)}})),c}async fetchChunk(e,t,n,r=Promise.resolve()){let i=this.loadId,a=this.shape,o=n.m<a.n_tokens?n.m:null,s=await this.ctx.source.layout(e.name,{layer:t,sample:o,...this.partial?{partial:!0}:{}});if(await r,i!==this.loadId)return null;let c=BT(t,a.n_heads,s,n,this.ctx.store.get().grid,this.partial&&s.heads.length<a.n_heads),l=this.ctx.store.get();return(l.color===`norm`||l.size)&&await this.loadNorms(c),i===this.loadId?(this.colorChunk(c,!1),HT(c,l.size),UT(c),{chunk:c,bytes:s.bytes}):null}async refresh(e){if(!this.layout||!this.shape||!this.base.some(e=>!e||e.partial))return;let t=this.loadId,n=this.layout,r=this.base.map((e,t)=>!e||e.partial?t:-1).filter(e=>e>=0);e&&(this.partial=!1);let i=await this.level(this.m);for(let e of r){let r;try{r=await this.fetchChunk(n,e,i)}catch{continue}if(!r||t!==this.loadId)return;this.base[e]=r.chunk,this.detail.delete(e)}this.searchCache=null,this.ctx.debug.layoutHeads=this.headsDrawn,this.ctx.renderer.render()}colorChunk(e,t=!0){let n=this.ctx.store.get(),r=2*e.level.m;if(n.color===`norm`){if(!e.norms)e.colors.fill(160);else{for(let t=0;t<e.heads.length;t++)Et(e.norms.subarray(t*r,(t+1)*r),e.colors,t*r);Dt(e.colors,e.heads.length,r,n.foundMask,e.level.rows)}}else if(n.tokens){let t=this.colorsOf.get(e.level.m);t||(t=Tt(n.color,n.tokens,e.level.rows),Dt(t,1,r,n.foundMask,e.level.rows),this.colorsOf.set(e.level.m,t));for(let n=0;n<e.heads.length;n++)e.colors.set(t,n*r*4)}t&&UT(e)}async loadNorms(e){let t=e.level.m<this.shape.n_tokens?e.level.m:null;e.norms=KT(e,await this.ctx.source.norms({layer:e.layer,sample:t}),this.shape.n_heads)}async ensureNorms(){let e=this.loadId;if(await Promise.all(this.allChunks().map(e=>e.norms?null:this.loadNorms(e))),e!==this.loadId)throw Error(`superseded`)}async recolor(){if(this.colorsOf.clear(),this.ctx.store.get().color===`norm`)try{await this.ensureNorms()}catch{return}for(let e of this.allChunks())this.colorChunk(e);this.ctx.renderer.render()}async resize(){let e=this.ctx.store.get().size;if(e)try{await this.ensureNorms()}catch{return}for(let t of this.allChunks())HT(t,e),UT(t);this.ctx.renderer.render()}viewChanged(){clearTimeout(this.refineTimer),this.refineTimer=setTimeout(()=>void this.refine(),eE)}async refine(){let e=this.shape,t=this.layout;if(!e||!t||!this.complete)return;if(this.refining||this.ctx.renderer.transitioning){this.refineAgain=!0,this.refining||this.viewChanged();return}this.refineAgain=!1;let{renderer:n}=this.ctx,r=this.ctx.store.get().grid;if(!r||n.mode3d)return;let i=eC(r,n.view2d,...n.size()),a=n.scale*(1-2*AS);if(!i.length)return;let o=e.n_tokens,s=XT(JT({nTokens:o,cellPx:a,budget:this.budget,heads:i.length*e.n_heads,limitPerRole:this.limitM}),this.m,Math.min(o,this.limitM)),c=this.want;if(this.want=s,s<=this.m){c>this.m&&this.ctx.renderer.render(),this.reportLod();return}let l=this.loadId;this.refining=!0;try{let e=await this.level(s),n=new Set(i);for(let r of i){let i=this.detail.get(r);if(i&&i.level.m>=s)continue;let a=await this.fetchChunk(t,r,e);if(!a||l!==this.loadId||this.want!==s||this.refineAgain)break;this.detail.set(r,a.chunk,WT(a.chunk),n),this.searchCache=null,this.ctx.renderer.render()}}catch(e){e instanceof $&&e.status===413?this.limitM=Math.max(this.m,Math.floor(s/2)):this.ctx.debug.errors.push(`detail: ${e.message}`)}finally{this.refining=!1,this.reportLod()}l===this.loadId&&(this.refineAgain||this.want!==s||s>this.limitM)&&this.viewChanged()}reportLod(){this.ctx.debug.lod={perRole:this.m,want:this.want,limitPerRole:Number.isFinite(this.limitM)?this.limitM:null,detail:this.detail.keys().map(e=>({layer:e,m:this.detail.peek(e).level.m})),baseBytes:this.base.reduce((e,t)=>e+(t?WT(t):0),0),detailBytes:this.detail.bytes,detailBudget:this.detail.budget},this.ctx.debug.layoutHeads=this.headsDrawn}worldOf(e,t,n){let r=this.ctx.store.get().info;if(!r)return null;let i=this.chunkOf(Math.floor(e/r.n_heads));return i?GT(i,e,t,n===`key`):null}sampledAt(e){let t=this.ctx.store.get().info;if(!t)return!0;let n=this.chunkOf(Math.floor(e/t.n_heads));return!n||n.level.rows!==null||!n.heads.includes(e)}fullCoords(e){let t=this.ctx.store.get().info;if(!t)return null;let n=this.chunkOf(Math.floor(e/t.n_heads));if(!n||n.level.rows)return null;let r=n.heads.indexOf(e),i=2*n.level.m,a=n.dim;return r<0?null:{coords:n.coords.subarray(r*i*a,(r+1)*i*a),bounds:n.bounds.subarray(r*a*2,(r+1)*a*2),dim:a}}cloud(e){let t=this.ctx.store.get().info;if(!t)return null;let n=this.base[Math.floor(e/t.n_heads)],r=n?n.heads.indexOf(e):-1;if(!n||r<0)return null;let i=2*n.level.m;return{local:n.local.subarray(r*i*2,(r+1)*i*2),m:n.level.m}}cellRects(){let{renderer:e}=this.ctx,t=this.ctx.store.get().grid;if(!t||e.mode3d)return[];let[n,r]=e.size(),i=e.rect(),a=e.view2d;return t.slots.map(e=>{let[t,o]=IS(a,n,r,e.x,e.y),[s,c]=IS(a,n,r,e.x+1,e.y+1);return{layer:e.layer,head:e.head,row:e.row,col:e.col,x:i.left+t,y:i.top+o,width:s-t,height:c-o}})}layers(){let e=this.ctx.store.get();if(!e.info||!e.grid||this.ctx.renderer.mode3d)return[];let t=[];for(let e=0;e<this.base.length;e++){let n=this.chunkOf(e);n&&t.push(tT(`points-${e}`,n.data))}return e.found&&e.found.rows.length&&t.push(sT(`search-points`,this.searchPoints(),hC(e.theme).ring,{scale:1.8,minPixels:1.8,maxPixels:7})),t}searchPoints(){let e=this.ctx.store.get(),t=e.view===`matrix`?-1:P(e),n=e.found.rows,r=[n.length,e.search,e.regex,e.layout,t,this.base.filter(Boolean).length,this.want].join(`|`);if(this.searchCache?.key!==r){let e=this.base.map((e,t)=>this.chunkOf(t)).filter(e=>e!==null);this.searchCache={key:r,pts:qT(e,n,t,2e5)}}return this.searchCache.pts}pick(e){let t=e.layer.id;if(t.startsWith(`points-`)){let n=this.chunkOf(Number(t.slice(7)));if(!n)return null;let r=n.level.m,i=2*r,a=Math.floor(e.index/i),o=e.index%i,s=o%r;return{index:n.heads[a],row:n.level.rows?n.level.rows[s]:s,role:o<r?`query`:`key`}}if(t===`search-points`){let t=e.object;if(t)return{index:t.index,row:t.row,role:t.role}}return null}afterRender(){if(!this.completePending||!this.complete)return;try{this.ctx.renderer.sync()}catch{}this.completePending=!1;let e=this.ctx.debug;e.renderedAt=performance.now(),e.ready=!0,window.dispatchEvent(new CustomEvent(`qkatlas:matrix-complete`,{detail:{renderedAt:e.renderedAt}}))}drawUnder(e,t){let n=this.ctx.store.get(),r=n.info;if(!r)return;let i=e=>{let t=this.base[Math.floor(e/r.n_heads)];return!!t&&t.partial&&!t.heads.includes(e)};this.ctx.debug.axes=IT(e,t,n,n.view===`matrix`?-1:P(n),i)}},nE=class{ctx;att=null;key=``;agg=null;aggKey=``;aggError=``;hover=-1;mounted=!1;openId=0;constructor(e){this.ctx=e}mount(){this.mounted=!0,this.open()}unmount(){this.mounted=!1,this.ctx.root.style.display=`none`,this.ctx.root.replaceChildren(),this.ctx.debug.sequence=null}update(e){OT(e,`layer`,`head`,`token`,`role`,`weighted`,`info`)?this.open():OT(e,`theme`,`hide`)&&this.draw()}async open(){let e=this.ctx.store.get(),t=e.info,n=mt(e);if(!t||!n||!this.mounted)return;let r=this.ctx.root,i=this.ctx.source,a=++this.openId;r.style.display=`block`;let[o,s]=F(P(e),t.n_heads),c=this.valueWeighted(),l=`${t.id}/${o}/${s}/${n.seq}/${c}`;if(this.key!==l){r.replaceChildren(Z(`div`,{class:`muted`},`loading attention…`));try{let e=await(c?i.valueWeightedAttention(o,s,n.seq):i.sequenceAttention(o,s,n.seq));if(a!==this.openId)return;this.att=e.weights,this.key=l}catch(e){if(a!==this.openId)return;r.replaceChildren(Z(`div`,{class:`muted`},`attention unavailable: ${e.message}`));return}}let u=e.weighted,d=`${t.id}/${o}/${s}/${u}`;if(this.aggKey!==d){try{let e=await i.aggregate(o,s,u);if(a!==this.openId)return;this.agg={data:e.weights,P:e.positions},this.aggError=``}catch(e){if(a!==this.openId)return;this.agg=null,this.aggError=e.message}this.aggKey=d}a===this.openId&&this.draw()}valueWeighted(){return this.ctx.store.get().weighted&&!!this.ctx.source.valueWeightedAttention}hiddenMask(e){let t=this.ctx.store.get(),n=t.tokens;return Array.from({length:e.n},(r,i)=>t.hide&&(i===0||n.isSpecial(e.start+i)))}draw(){let e=this.ctx.store.get(),t=e.info,n=mt(e),r=e.tokens,{actions:i,store:a}=this.ctx;if(!t||!n||!r||!this.att||!this.mounted)return;let o=this.valueWeighted();if(this.key!==`${t.id}/${F(P(e),t.n_heads).join(`/`)}/${n.seq}/${o}`)return;let s=n.n,[c,l]=F(P(e),t.n_heads),u=this.hiddenMask(n),d=e.hide?iw(this.att,s,u):this.att,f=hC(e.theme),p=f.textCss,m=f.mutedCss,h=f.accent,g=Z(`input`,{type:`checkbox`,id:`hide-special`});g.checked=e.hide,g.onchange=()=>a.set({hide:g.checked});let _=Z(`input`,{type:`checkbox`,id:`weighted`});_.checked=e.weighted,_.onchange=()=>a.set({weighted:_.checked});let v=(e,t,n)=>xC(e,t,n),y=Z(`div`,{class:`head`},Z(`button`,{id:`close-overlay`,onclick:()=>i.closeOverlay(),title:`back (Esc)`},`← back`),Z(`span`,{class:`title`},`Sequence ${n.seq} \u00b7 layer ${c} head ${l}`),v(`◀`,`previous head`,()=>i.step(0,-1)),v(`▶`,`next head`,()=>i.step(0,1)),v(`▲`,`previous layer`,()=>i.step(-1,0)),v(`▼`,`next layer`,()=>i.step(1,0)),Z(`label`,{class:`muted`,title:`drop attention to [CLS]/[SEP]/BOS and the first token, renormalise the rest`},g,` hide [CLS]/[SEP]/first token (renormalise)`));if(this.ctx.source.valueWeightedAttention){let t=Z(`input`,{type:`checkbox`,id:`value-weighted`});t.checked=e.weighted,t.onchange=()=>a.set({weighted:t.checked}),y.append(Z(`label`,{class:`muted`,title:`p_ij ||v_j|| / sum_k p_ik ||v_k||: what each key adds to the output (also the corpus average)`},t,` value-weighted`))}let b=Z(`div`,{class:`text`},e.seqs.text[n.seq]??``),x=Z(`canvas`,{width:430,height:24+s*17+8,id:`bipartite`}),S=x.getContext(`2d`);S.font=`12px system-ui, Helvetica, Arial, sans-serif`;let C=this.hover>=0?this.hover:n.role===`query`?n.row-n.start:-1,w=this.hover<0&&n.role===`key`?n.row-n.start:-1,T=0;S.lineCap=`round`;for(let e=0;e<s;e++)if(!u[e])for(let t=0;t<s;t++){if(u[t])continue;let n=d[e*s+t];if(!(n>.01))continue;let r=C<0&&w<0||e===C||t===w?1:.12;S.strokeStyle=`rgba(${h[0]},${h[1]},${h[2]},${Math.min(1,n*r)})`,S.lineWidth=r===1&&(C>=0||w>=0)?1+3*n:1+1.5*n,S.beginPath(),S.moveTo(156,24+e*17+17/2),S.lineTo(274,24+t*17+17/2),S.stroke(),T++}S.fillStyle=m,S.textAlign=`right`,S.fillText(`queries`,150,12),S.textAlign=`left`,S.fillText(`keys`,280,12);for(let e=0;e<s;e++){let t=24+e*17+17/2+4,i=$e(r.token(n.start+e),18);S.fillStyle=u[e]?m:e===C?N([44,170,90]):p,S.font=e===C?`bold 12px system-ui, sans-serif`:`12px system-ui, sans-serif`,S.textAlign=`right`,S.fillText(i,150,t),S.fillStyle=u[e]?m:e===w?N([230,60,150]):p,S.font=e===w?`bold 12px system-ui, sans-serif`:`12px system-ui, sans-serif`,S.textAlign=`left`,S.fillText(i,280,t)}x.onmousemove=e=>{let t=x.getBoundingClientRect(),n=e.clientX-t.left,r=Math.floor((e.clientY-t.top-24)/17),i=n<215&&r>=0&&r<s?r:-1;i!==this.hover&&(this.hover=i,this.draw())},x.onmouseleave=()=>{this.hover!==-1&&(this.hover=-1,this.draw())},x.onclick=e=>{let t=x.getBoundingClientRect(),r=e.clientX-t.left,a=Math.floor((e.clientY-t.top-24)/17);a>=0&&a<s&&i.selectToken(n.start+a,r<215?`query`:`key`)};let E=this.heatmap(d,s,s,u,n.role===`query`?n.row-n.start:-1,e=>$e(r.token(n.start+e),10),`heatmap`),D=Z(`div`,{class:`pane`,id:`aggregate-pane`},Z(`h4`,{},`corpus average by position${e.weighted?` (value-weighted)`:``}`));D.append(Z(`label`,{class:`muted`,style:`display:block;margin-bottom:4px`},_,` value-weighted`)),this.agg?(D.append(this.heatmap(this.agg.data,this.agg.P,this.agg.P,null,-1,e=>String(e),`aggregate`)),D.append(Z(`div`,{class:`muted`},`first ${this.agg.P} positions, mean over the corpus`))):D.append(Z(`div`,{class:`muted`,id:`aggregate-missing`},`unavailable: ${this.aggError}`));let O=Z(`div`,{class:`panes`},Z(`div`,{class:`pane`},Z(`h4`,{},`${o?`value-weighted `:``}attention (hover a query to isolate its lines; click to select)`),x),Z(`div`,{class:`pane`},Z(`div`,{class:`pane`},Z(`h4`,{},`this head: query position ↓, key position →`),E),Z(`div`,{style:`height:12px`}),D));this.ctx.root.replaceChildren(y,b,O),this.ctx.root.style.display=`block`,this.ctx.debug.sequence={seq:n.seq,n:s,layer:c,head:l,lines:T,hidden:u.filter(Boolean).length,aggregate:this.agg?`ok`:`unavailable: ${this.aggError}`,heatmap:s}}heatmap(e,t,n,r,i,a,o){let s=this.ctx.store.get().theme===`light`,c=Math.max(2,Math.min(14,Math.floor(300/Math.max(t,n)))),l=t<=48&&c>=7,u=l?64:4,d=Z(`canvas`,{width:u+n*c+4,height:u+t*c+4,id:o}),f=d.getContext(`2d`),p=0;for(let t=0;t<e.length;t++)Number.isFinite(e[t])&&e[t]>p&&(p=e[t]);p||=1,f.fillStyle=s?`#e4e4e0`:`#22272e`,f.fillRect(u,u,n*c,t*c);for(let i=0;i<t;i++)for(let t=0;t<n;t++){let a=e[i*n+t];!Number.isFinite(a)||r&&(r[i]||r[t])||(f.fillStyle=N(Ne(ke.heat,Math.sqrt(a/p))),f.fillRect(u+t*c,u+i*c,c,c))}if(i>=0&&(f.strokeStyle=s?`#000`:`#fff`,f.lineWidth=1.5,f.strokeRect(u-1,u+i*c-.5,n*c+2,c+1)),l){f.font=`${Math.min(11,c)}px system-ui, sans-serif`,f.fillStyle=s?`#444`:`#aab`,f.textAlign=`right`;for(let e=0;e<t;e++)f.fillText(a(e),u-3,u+e*c+c-2);for(let e=0;e<n;e++)f.save(),f.translate(u+e*c+c-2,u-3),f.rotate(-Math.PI/2),f.textAlign=`left`,f.fillText(a(e),0,0),f.restore()}return d}},rE=class{fn;opts;timer=0;wait;running=!1;gen=0;count=0;constructor(e,t){this.fn=e,this.opts=t,this.wait=t.interval}get active(){return this.running}start(){this.stop(),this.running=!0,this.count=0,this.wait=this.opts.interval,this.schedule(++this.gen)}stop(){this.running=!1,this.gen++,this.timer&&(this.opts.clearTimer??clearTimeout)(this.timer),this.timer=0}schedule(e){this.running&&e===this.gen&&(this.count>=this.opts.maxPolls?this.running=!1:this.timer=(this.opts.setTimer??((e,t)=>setTimeout(e,t)))(()=>void this.tick(e),this.wait))}async tick(e){if(this.timer=0,e!==this.gen)return;this.count++;let t;try{t=await this.fn()}catch{t={changed:!1,more:!0}}e===this.gen&&(t.more?(this.wait=t.changed?this.opts.interval:Math.min(this.opts.maxInterval,this.wait*1.5),this.schedule(e)):this.running=!1)}};function iE(e){return e.status===`updating`||(e.layout_progress??[]).some(e=>!e.complete)}var aE=class{source;hooks;debug;infoPoll;listPoll;lastInfo=``;lastList=``;constructor(e,t,n,r=3e3){this.source=e,this.hooks=t,this.debug=n,this.infoPoll=new rE(()=>this.pollInfo(),{interval:r,maxInterval:5*r,maxPolls:1200}),this.listPoll=new rE(()=>this.pollList(),{interval:4*r,maxInterval:20*r,maxPolls:500})}follow(e){this.lastInfo=JSON.stringify(e),this.debug.progress=IC(e),iE(e)?this.infoPoll.start():this.infoPoll.stop()}watchList(e){this.lastList=JSON.stringify(e),this.listPoll.start()}stop(){this.infoPoll.stop(),this.listPoll.stop()}async pollInfo(){let e=this.hooks.atlas();if(!e)return{changed:!1,more:!1};let t=await e.info();if(this.debug.polls++,e!==this.hooks.atlas())return{changed:!1,more:!1};let n=JSON.stringify(t),r=n!==this.lastInfo;return this.lastInfo=n,this.debug.progress=IC(t),r&&this.hooks.info(t),{changed:r,more:iE(t)}}async pollList(){let e=await this.source.atlases();this.debug.polls++;let t=JSON.stringify(e),n=t!==this.lastList;return this.lastList=t,n&&this.hooks.atlases(e),{changed:n,more:!0}}},oE=[`theme`,`tint`,`heads`,`grid`,`found`,`foundMask`,`thumbs`,`view`,`layer`,`head`,`token`,`role`,`sort`],sE=[`info`,`tokens`,`heads`,`headsError`,`view`,`layer`,`head`,`token`,`role`,`color`,`tint`,`theme`,`layout`],cE=class{source;opts;store;debug;dom;toolbar;renderer;watch;atlas=null;matrix=null;head=null;overlay=null;atlasGen=0;layoutGen=0;panelQueued=!1;colorIds=new Set;themed;constructor(e,t,n={}){this.source=t,this.opts=n;let r=n.url!==!1;this.store=pt(r?ct(location.hash):et),this.debug=Ee(t.kind),this.dom=kC(this),this.toolbar=new ew(this.store,this),e.append(this.toolbar.el,this.dom.main),this.renderer=new aC(this.dom.stage,this.dom.canvas,this.dom.under,this.dom.over,{hover:(e,t)=>this.onHover(e,t.x,t.y),click:(e,t)=>void this.onClick(e,t),viewChanged:()=>nw(this.dom.tooltip),error:e=>{this.debug.errors.push(String(e)),console.error(e)},frame:(e,t)=>{this.debug.renderCount++,this.debug.frames.push([Math.round(e),Math.round(t)]),this.debug.frames.length>50&&this.debug.frames.shift()}});let i=this.dom;this.toolbar.el.append(QC({renderer:this.renderer,stage:i.stage,under:i.under,over:i.over,overlay:i.overlay,store:this.store})),De(this.debug,{view:()=>this.store.get().view,state:()=>gt(this.store.get()),transitioning:()=>this.renderer.transitioning,mode3d:()=>this.renderer.mode3d,cells:()=>this.matrix?.cellRects()??[],heap:Oe,pointScreen:(e,t,n,r)=>this.pointScreen(e,t,n,r),focusHead:(e,t)=>this.focusHead(e*(this.store.get().info?.n_heads??0)+t),frameTime:()=>this.renderer.frameTime(),select:(e,t=`query`)=>this.selectToken(e,t)}),this.store.subscribe((e,t)=>this.onChange(e,t));let a=n.pollMs??(Number(new URLSearchParams(location.search).get(`poll`))||3e3);this.watch=new aE(t,{atlas:()=>this.atlas,info:e=>this.onInfoPolled(e),atlases:e=>this.onAtlasesPolled(e)},this.debug,a),r&&(ut(this.store,lt(),e=>this.debug.hash=e),window.addEventListener(`hashchange`,()=>void this.onHashChange())),this.themed=n.embedded?e:document.body,this.themed.classList.toggle(`light`,this.store.get().theme===`light`),(n.embedded?e:window).addEventListener(`keydown`,e=>fC(e,this.store.get(),this)),n.embedded?new ResizeObserver(()=>this.onResize()).observe(e):window.addEventListener(`resize`,()=>this.onResize()),new ResizeObserver(()=>this.onResize()).observe(this.dom.stage)}onChange(e,t){this.toolbar.sync(e,t),t.has(`theme`)&&this.themed.classList.toggle(`light`,e.theme===`light`);let n=this.syncViews();for(let e of[this.matrix,this.head,this.overlay?.view])e&&!n.has(e)&&e.update(t);OT(t,...oE)&&this.renderer.render(),OT(t,...sE)&&this.refreshPanel()}syncViews(){let e=this.store.get(),t=new Set,n=!!(e.info&&e.grid&&e.tokens&&this.matrix&&this.atlas);n&&e.view!==`matrix`&&!this.head?(this.head=new kT(this.sceneContext(),this.matrix),this.head.mount(),t.add(this.head)):(!n||e.view===`matrix`)&&this.head&&(this.head.unmount(),this.head=null);let r=n&&(e.view===`sequence`||e.view===`image`)?e.view:null;if(this.overlay&&this.overlay.kind!==r&&(this.overlay.view.unmount(),this.overlay=null),r&&!this.overlay){let e={...this.context(),root:this.dom.overlay};this.overlay={kind:r,view:r===`sequence`?new nE(e):new AT(e)},this.overlay.view.mount(),t.add(this.overlay.view)}return t}context(){return{store:this.store,source:this.atlas,actions:this,debug:this.debug}}sceneContext(){return{...this.context(),renderer:this.renderer}}status(e,t=!1){AC(this.dom.status,e,t),t&&this.debug.errors.push(e)}async start(){try{let e=performance.now(),t=await this.source.atlases();if(this.debug.timings.atlases=performance.now()-e,this.store.set({atlases:t}),!t.length){this.status("No atlases are served. Start the server with `qkatlas serve ATLAS_DIR`.",!0);return}this.toolbar.setAtlases(t),this.watch.watchList(t);let n=this.store.get().atlas;await this.loadAtlas(t.some(e=>e.id===n)?n:t[0].id,!0)}catch(e){this.status(`Could not load: ${e.message}`,!0)}}async switchAtlas(e){this.store.set({...et,theme:this.store.get().theme,atlas:e}),await this.loadAtlas(e,!1)}async loadAtlas(e,t){let n=++this.atlasGen;this.layoutGen++;let r=performance.now(),i=this.store.get(),a=t?gt(i):null;this.debug.ready=!1,this.debug.renderedAt=null,this.status(`loading atlas…`),this.matrix?.unmount(),this.matrix=null,this.atlas=this.source.atlas(e),this.store.set({...ft,atlases:i.atlases}),this.renderer.mode3d&&this.renderer.leaveOrbit({target:[0,0,0],zoom:0});let o=this.atlas,s=this.matrix=new tE(this.sceneContext(),e=>this.dom.progress.style.width=e>0?`${100*e}%`:`0`,this.opts.budget??15e5);s.mount(),this.renderer.render();let c=Promise.all([o.info(),o.tokens(),o.sequences()]),l=i.atlases.find(t=>t.id===e),u=l.layouts.find(e=>e.name===i.layout)??l.layouts.find(e=>e.dim===2)??l.layouts[0],d=()=>{},f=new Promise(e=>d=e),p=null;u&&(this.store.set({layout:u.name}),p=s.load(u,l,f));let m;try{m=await c}catch(e){n===this.atlasGen&&this.status(`Could not load: ${e.message}`,!0);return}if(n!==this.atlasGen)return;let[h,g,_]=m;this.debug.timings.meta=performance.now()-r;let v=new Ze(g),y=vt(v,h.image,h.metadata_columns??[]);this.colorIds=new Set(y.map(e=>e.id)),this.toolbar.setAtlas(h,y);let b=this.colorIds.has(this.store.get().color)?this.store.get().color:`role`;this.watch.follow(h);let x=p?void 0:NC(h).find(e=>!e.complete&&e.heads_done>0);x&&(this.store.set({layout:x.name}),p=s.load(x,h,f,{partial:!0}));let S=p?JS(h.n_layers,h.n_heads):null;if(this.store.set({info:h,tokens:v,seqs:Qe(_),atlas:e,color:b,grid:S}),this.loadHeads(n),this.status(``),!p){this.status(`Atlas ${h.name} has no layouts yet: compute them with \`qkatlas layout ${h.id}\`.`,!0);return}if(this.fitMatrix(),d(),await p,n!==this.atlasGen)return;let C=this.store.get();C.search&&this.search(C.search,C.regex),a&&await this.restoreView(a)}async loadHeads(e){let t=this.store.get().info,n=null,r=``;try{n=new Xe(await this.atlas.heads(),t.n_layers,t.n_heads)}catch(e){r=e.message}if(e!==this.atlasGen)return;this.toolbar.setHeads(n,r);let i=this.store.get(),a=!n&&r&&i.tint!==`none`&&i.tint!==`layer`?`none`:i.tint;this.store.set({heads:n,headsError:r,tint:a}),i.sort!==`layer`&&this.setSort(i.sort)}async switchLayout(e){let t=this.store.get(),n=t.info,r=this.matrix,i=n?NC(n).find(t=>t.name===e&&t.heads_done>0):void 0;if(!n||!r||!i)return;let a=++this.layoutGen,o=t.view,s=P(t);this.head?.reset(),this.debug.renderedAt=null,this.debug.ready=!1,this.store.set({layout:e});let c=await r.load(i,n,Promise.resolve(),{partial:!i.complete});a===this.layoutGen&&c&&o!==`matrix`&&await this.focusHead(s,!1)}setSort(e){this.store.set({sort:e});let t=this.store.get(),n=t.info;n&&(this.store.set({grid:JS(n.n_layers,n.n_heads,t.heads?.order(e))}),t.view===`matrix`?this.fitMatrix():this.renderer.mode3d||this.fitFocus())}async search(e,t){this.store.set({search:e,regex:t});let n=this.store.get().info;if(n&&this.atlas){if(!e.trim())this.store.set({found:null,foundMask:null,searchError:``}),this.debug.search=null,this.toolbar.setCount(``,!1);else try{let r=await this.atlas.search({q:e,regex:t});if(e!==this.toolbar.query||n!==this.store.get().info)return;let i=new Uint8Array(n.n_tokens);r.rows.forEach(e=>i[e]=1);let a=n.n_layers*n.n_heads,{nTokens:o,nSequences:s}=r,c=o?`${o} token${o===1?``:`s`} match in ${s} sequence${s===1?``:`s`} (\u00d7${a} heads)`:`no match`;this.toolbar.setCount(c,!o),this.debug.search={q:e,regex:t,tokens:o,sequences:s,text:c},this.store.set({found:r,foundMask:r.rows.length?i:null,searchError:``})}catch(n){let r=n.message;this.toolbar.setCount(r,!0),this.debug.search={q:e,regex:t,error:r},this.store.set({found:null,foundMask:null,searchError:r})}}}onInfoPolled(e){let t=this.store.get(),n=t.info;if(!n||e.id!==n.id||e.n_tokens!==n.n_tokens)return;this.store.set({info:e}),this.toolbar.setLayouts(e);let r=e.layout_progress.find(e=>e.name===t.layout);r&&this.matrix?.refresh(r.complete),e.analysis&&!n.analysis&&this.loadHeads(this.atlasGen)}onAtlasesPolled(e){this.store.set({atlases:e}),this.toolbar.setAtlases(e)}fitMatrix(e=0,t){let n=this.store.get().grid;if(!n)return;let[r,i]=this.renderer.size();this.renderer.setViewState({...XS(n,r,i),minZoom:-4,maxZoom:16},e,t)}fitFocus(){let e=this.store.get();if(!e.grid)return;let[t,n]=this.renderer.size();this.renderer.setViewState({...QS(e.grid,P(e),t,n),minZoom:-4,maxZoom:16})}onResize(){let e=this.store.get();e.info&&!this.renderer.mode3d&&(e.view===`matrix`?this.fitMatrix():this.fitFocus())}async focusHead(e,t=!0){let n=this.store.get(),r=n.info;if(!r||!n.grid||e<0||e>=r.n_layers*r.n_heads)return;let i=n.view===`matrix`,[a,o]=F(e,r.n_heads);this.store.set({layer:a,head:o,view:i?`head`:n.view}),await this.head?.show(e,t,i)}step(e,t){let n=this.store.get();if(!n.info||!n.grid)return;let r=$S(n.grid,P(n),e,t);r>=0&&this.focusHead(r)}backToMatrix(){this.store.get().info&&(this.store.set({view:`matrix`}),this.fitMatrix(600,()=>this.renderer.render()))}async selectToken(e,t){let n=this.store.get(),r=n.info,i=n.tokens;!r||!i||e<0||e>=r.n_tokens||(this.store.set({token:e,role:t}),this.debug.selected={token:e,role:t,seq:i.seq(e),text:i.token(e)},n.view===`matrix`?await this.focusHead(P(this.store.get())):await this.head?.syncAttention())}clearSelection(){this.store.set({token:null}),this.debug.selected=null,this.debug.lines=0}openSequence(){mt(this.store.get())&&this.store.set({view:`sequence`})}openImage(){this.store.get().info?.images&&this.store.set({view:`image`})}closeOverlay(){let e=this.store.get().view;(e===`sequence`||e===`image`)&&this.store.set({view:`head`})}async onHashChange(){let e=ct(location.hash),t=this.store.get();it(e)!==it(gt(t))&&(e.atlas&&e.atlas!==t.atlas?(this.store.set({...e}),await this.loadAtlas(e.atlas,!0)):await this.restoreView(e))}restoreView(e){return _t(this,e)}hasColor(e){return this.colorIds.has(e)}pointScreen(e,t,n,r){let i=this.store.get().info;if(!i)return null;let a=e*i.n_heads+t,o=this.head&&this.head.shown===a?this.head.worldOf(n,r):this.renderer.mode3d?null:this.matrix?.worldOf(a,n,r)??null;return o?this.renderer.pageOf(o):null}onHover(e,t,n){let r=this.store.get(),i=this.dom.tooltip;if(!e||!r.info||!r.tokens||!r.seqs){nw(i);return}let[a,o]=this.renderer.size();tw(i,e,r.info,r.tokens,r.seqs,t,n,a,o);let[s,c]=F(e.index,r.info.n_heads);this.debug.hover={token:e.row,role:e.role,layer:s,head:c,text:i.textContent}}async onClick(e,t){let n=uC(this.store.get(),e,this.renderer.mode3d?void 0:t),r=this.store.get().tokens;if(n?.kind===`select`)return this.selectToken(n.row,n.role);n?.token&&r&&(this.store.set({token:n.token.row,role:n.token.role}),this.debug.selected={token:n.token.row,role:n.token.role,seq:r.seq(n.token.row),text:r.token(n.token.row)}),n&&await this.focusHead(n.index)}refreshPanel(){this.panelQueued||(this.panelQueued=!0,queueMicrotask(()=>{this.panelQueued=!1,this.renderPanel()}))}renderPanel(){let e=this.store.get(),t=this.matrix;this.debug.headmap=OC(this.dom,e,{sample:t?.sampled?{m:t.perRole}:null,bytes:this.debug.bytes,colorLabel:this.toolbar.colorLabel(),head:e.view!==`matrix`&&this.head?this.head.panel():null,attention:this.head?.attention()??null,actions:this})}},lE={uint8:Uint8Array,int8:Int8Array,uint16:Uint16Array,int16:Int16Array,uint32:Uint32Array,int32:Int32Array,float32:Float32Array,float64:Float64Array};function uE(e){return typeof e==`string`&&e in lE}function dE(e){if(e.byteLength<8)throw Error(`short message`);let t=new Uint8Array(e,0,4);if(String.fromCharCode(...t)!==`QKB1`)throw Error(`not a QKB1 message`);let n=new DataView(e).getUint32(4,!0),r=JSON.parse(new TextDecoder().decode(new Uint8Array(e,8,n))),i=8+n,a={};for(let[t,n]of Object.entries(r.arrays??{})){if(!uE(n.dtype))throw Error(`array ${t}: unknown dtype ${String(n.dtype)}`);let r=lE[n.dtype],o=n.nbytes/r.BYTES_PER_ELEMENT;a[t]={data:new r(e,i+n.offset,o),shape:n.shape}}return{meta:r.meta??{},arrays:a}}function fE(e){return e.meta}function pE(e,t,n){let r=e.arrays[t];if(!r)throw Error(`message has no array ${JSON.stringify(t)}`);if(!(r.data instanceof n))throw Error(`array ${t}: unexpected type ${r.data.constructor.name}`);return r.data}function mE(e){let t=fE(e);return{n:t.n,columns:t.columns.filter(t=>t.name in e.arrays).map(t=>({name:t.name,kind:t.kind,data:e.arrays[t.name].data})),strings:t.strings??{}}}function hE(e){return pE(e,`rows`,Uint32Array)}function gE(e,t){let n=fE(e),r=e.arrays.coords?.shape??[];return{heads:n.heads,dim:n.dim??r[2],perRole:n.n_per_role??(r[1]??0)/2,coords:pE(e,`coords`,Uint16Array),bounds:pE(e,`bounds`,Float32Array),bytes:t}}function _E(e){let t=fE(e);return{heads:t.heads,perRole:t.n_per_role,norms:pE(e,`norms`,Uint8Array),max:pE(e,`max`,Float32Array)}}function vE(e){let t=fE(e);return{seq:t.seq,start:t.start,n:t.n,weights:pE(e,`attention`,Float32Array)}}function yE(e){let t=fE(e);return{seq:t.seq,start:t.start,n:t.n,weights:pE(e,`attention`,Float32Array)}}function bE(e){let t=fE(e);return{rows:hE(e),nTokens:t.n_tokens,nSequences:t.n_sequences,nDistinct:t.n_distinct}}function xE(e){let t=fE(e),n=e.arrays.attention;return{positions:t.positions??n?.shape[0]??0,weights:pE(e,`attention`,Float32Array)}}var SE=2e4;function CE(e){let t=e[0].columns,n={};for(let r of t)n[r]=e.flatMap(e=>e.data[r]??Array(e.n).fill(null));return{columns:t,n:e.reduce((e,t)=>e+t.n,0),data:n}}function wE(e={}){let t=[];for(let[n,r]of Object.entries(e))r!=null&&t.push(`${encodeURIComponent(n)}=${encodeURIComponent(String(r))}`);return t.length?`?`+t.join(`&`):``}function TE(e){return typeof e==`object`&&!!e&&typeof e.error==`string`}async function EE(e){if(e.ok)return e;let t=`${e.status} ${e.statusText}`;try{let n=await e.json();TE(n)&&(t=n.error)}catch{}throw new $(e.status,t)}function DE(e=`/api`){return{async json(t,n){return await(await EE(await fetch(e+t+wE(n)))).json()},async binary(t,n){return(await EE(await fetch(e+t+wE(n)))).arrayBuffer()},url:t=>e+t}}async function OE(e){let t=new Image;return t.src=e,await t.decode(),t}var kE=class{t;id;base;constructor(e,t){this.t=e,this.id=t,this.base=`/atlas/${encodeURIComponent(t)}`}async message(e,t){let n=await this.t.binary(this.base+e,t);return{...dE(n),bytes:n.byteLength}}info(){return this.t.json(this.base)}async tokens(){return mE(await this.message(`/tokens`))}async sequences(){let e=[],t=0,n=1/0,r=SE;for(;t<n;){let i;try{i=await this.t.json(`${this.base}/sequences`,{offset:t,limit:r})}catch(e){if(e instanceof $&&e.status===413&&r>1){r=Math.ceil(r/2);continue}throw e}if(e.push(i),n=i.total??i.n,!i.n)break;t+=i.n}return e.length===1?e[0]:CE(e)}headInfo(e,t){return this.t.json(`${this.base}/head`,{layer:e,head:t})}async sample(e){return hE(await this.message(`/sample`,{size:e}))}async layout(e,t){let n=await this.message(`/layout/${encodeURIComponent(e)}`,{layer:t.layer,head:t.head,sample:t.sample,partial:t.partial||null});return gE(n,n.bytes)}async norms(e){return _E(await this.message(`/norms`,{layer:e.layer,head:e.head,sample:e.sample}))}async tokenAttention(e,t,n,r){return vE(await this.message(`/attention`,{layer:e,head:t,token:n,role:r}))}async sequenceAttention(e,t,n){return yE(await this.message(`/attention`,{layer:e,head:t,seq:n}))}async search(e){return bE(await this.message(`/search`,{q:e.q,regex:e.regex,case:e.caseSensitive||null}))}heads(){return this.t.json(`${this.base}/heads`)}similar(e,t,n){return this.t.json(`${this.base}/similar`,{layer:e,head:t,k:n})}async aggregate(e,t,n){return xE(await this.message(`/aggregate`,{layer:e,head:t,weighted:n}))}fidelity(){return this.t.json(`${this.base}/fidelity`)}components(e,t){return this.t.json(`${this.base}/components`,{layer:e,head:t})}contributions(e,t,n,r){return this.t.json(`${this.base}/contributions`,{layer:e,head:t,query:n,key:r})}async componentScores(e,t,n){let r=await this.message(`/component-scores`,{layer:e,head:t,component:n}),i=fE(r);return{component:i.component,perRole:i.n_per_role,scores:pE(r,`scores`,Float32Array),maxAbs:i.max_abs}}topSequences(e,t){return this.t.json(`${this.base}/top-sequences`,{layer:e,head:t})}async valueNorms(e,t){return _E(await this.message(`/value-norms`,{layer:e,head:t}))}async valueWeightedAttention(e,t,n){return yE(await this.message(`/attention`,{layer:e,head:t,seq:n,weighting:`value`}))}async thumbnails(){return this.picture(`/thumbnails.png`)}async image(e){let t=await this.picture(`/image/${e}`);return typeof t==`string`?OE(t):t}async picture(e){let t=this.t.url(this.base+e);if(t!==null)return t;let n=await this.t.binary(this.base+e);return createImageBitmap(new Blob([n],{type:`image/png`}))}},AE=class{transport;kind;cache=new Map;constructor(e=DE(),t=`http`){this.transport=e,this.kind=t}async atlases(){return(await this.transport.json(`/atlases`)).atlases}compare(e,t){return this.transport.json(`/compare`,{a:e,b:t})}atlas(e){let t=this.cache.get(e);return t||this.cache.set(e,t=new kE(this.transport,e)),t}};function jE(e,t,n){let{d:r,codes:i,lo:a,hi:o}=e,s=new Float64Array(n*r);for(let e=0;e<n;e++){let n=(t+e)*r;for(let t=0;t<r;t++)s[e*r+t]=a[t]+i[n+t]/255*(o[t]-a[t])}return s}function ME(e,t,n,r,i,a){let o=new Float32Array(i.length*r),s=new Float64Array(r);return i.forEach((i,c)=>{let l=-1/0;for(let o=0;o<r;o++){if(!((!a.causal||o<=i)&&(a.window===null||(a.causal?i-o<a.window:Math.abs(i-o)<a.window)))){s[o]=-1/0;continue}let r=0;for(let i=0;i<n;i++)r+=e[c*n+i]*t[o*n+i];let u=r*a.scale;a.softcap!==null&&(u=a.softcap*Math.tanh(u/a.softcap)),a.alibi_slope!==null&&(u+=a.alibi_slope*(o-i)),s[o]=u,u>l&&(l=u)}if(l===-1/0)return;let u=0;for(let e=0;e<r;e++)u+=s[e]===-1/0?0:Math.exp(s[e]-l);for(let e=0;e<r;e++)o[c*r+e]=s[e]===-1/0?0:Math.exp(s[e]-l)/u}),o}function NE(e){return e.toUpperCase().toLowerCase()}function PE(e,t,n,r,i){let a;if(r){let e=new RegExp(n,i?`u`:`iu`);a=t.map(t=>e.test(t))}else{let e=i?n.trim():NE(n.trim());a=t.map(t=>(i?t.trim():NE(t.trim()))===e)}let o=[];for(let t=0;t<e.length;t++)a[e[t]]&&o.push(t);return{rows:Uint32Array.from(o),nDistinct:a.filter(Boolean).length}}function FE(e,t){let n=0,r=-1;for(let i of e)if(r+1<t.length&&i>=t[r+1]){for(;r+1<t.length&&i>=t[r+1];)r++;n++}return n}function IE(e,t,n,r,i,a){let o=2*r,s=a?a.length:r,c=new Uint16Array(i.length*2*s*n),l=new Float32Array(i.length*n*2);return i.forEach((i,u)=>{let d=e=>a?e<s?a[e]:r+a[e-s]:e;for(let r=0;r<n;r++){let f=t[(i*n+r)*2],p=t[(i*n+r)*2+1],m=t=>f+e[(i*o+d(t))*n+r]/65535*(p-f);if(!a){for(let t=0;t<2*s;t++)c[(u*2*s+t)*n+r]=e[(i*o+t)*n+r];l[(u*n+r)*2]=f,l[(u*n+r)*2+1]=p;continue}let h=1/0,g=-1/0;for(let e=0;e<2*s;e++){let t=m(e);t<h&&(h=t),t>g&&(g=t)}h<=g||([h,g]=[0,1]);let _=g>h?g-h:1;for(let e=0;e<2*s;e++)c[(u*2*s+e)*n+r]=Math.max(0,Math.min(65535,Math.round((m(e)-h)/_*65535)));l[(u*n+r)*2]=h,l[(u*n+r)*2+1]=g}}),{coords:c,bounds:l,m:s}}function LE(e,t,n,r,i){let a=i?i.length:n,o=new Uint8Array(r.length*2*a),s=new Float32Array(r.length);return r.forEach((r,c)=>{let l=e=>r*2*n+(i?e<a?i[e]:n+i[e-a]:e),u=0;for(let n=0;n<2*a;n++)u=Math.max(u,e[l(n)]/255*t[r]);i||(u=t[r]),s[c]=u>0?u:1;for(let n=0;n<2*a;n++)o[c*2*a+n]=i?Math.max(0,Math.min(255,Math.round(e[l(n)]/255*t[r]/s[c]*255))):e[l(n)]}),{norms:o,max:s,m:a}}var RE=65534,zE=e=>String(e).padStart(3,`0`),BE=class{root;fetcher;cache=new Map;constructor(e,t){this.root=e,this.fetcher=t}url(e){return this.root+e}async get(e){let t;try{t=await this.fetcher(this.url(e))}catch(t){throw new $(0,`could not read ${e} of this export (${t.message})`)}if(!t.ok)throw new $(t.status,`${e} is not in this export (${t.status} ${t.statusText})`);return t}json(e){return this.once(e,async()=>(await this.get(e)).json())}message(e,t=!0){let n=async()=>{let t=await(await this.get(e)).arrayBuffer();return{...dE(t),bytes:t.byteLength}};return t?this.once(e,n):n()}once(e,t){let n=this.cache.get(e);return n||(n=t(),n.catch(()=>this.cache.delete(e)),this.cache.set(e,n)),n}};async function VE(e){let t=new Image;return t.src=e,await t.decode(),t}var HE=class{id;files;qk=new Map;constructor(e,t,n){this.id=n,this.files=new BE(`${e}${encodeURIComponent(n)}/`,t)}info(){return this.files.json(`info.json`)}async tokens(){return mE(await this.files.message(`tokens.qkb`))}sequences(){return this.files.json(`sequences.json`)}async starts(){return(await this.sequences()).data.start.map(Number)}async sample(e){let t=hE(await this.files.message(`sample.qkb`));return e>=t.length?Uint32Array.from({length:t.length},(e,t)=>t):Uint32Array.from(t.subarray(0,Math.max(1,e))).sort()}async pick(e,t){if(e.head===void 0)return t.map((e,t)=>t);let n=t.findIndex(([,t])=>t===e.head);if(n<0)throw new $(404,`head L${e.layer}H${e.head} is not in this export (exported with --heads)`);return[n]}exported(e,t){return e.export.heads.some(([e])=>e===t)}async layout(e,t){let n=await this.info();if(!n.export.layouts.includes(e))throw new $(404,`layout ${e} is not in this export (have: ${n.export.layouts.join(`, `)})`);if(!this.exported(n,t.layer)){if(t.head!==void 0)throw new $(404,`head L${t.layer}H${t.head} is not in this export (exported with --heads)`);return{heads:[],dim:Number(e.slice(-2,-1)),perRole:t.sample?Math.min(t.sample,n.n_tokens):n.n_tokens,coords:new Uint16Array,bounds:new Float32Array,bytes:0}}let r=await this.files.message(`layouts/${e}/L${zE(t.layer)}.qkb`),i=gE(r,r.bytes),a=await this.pick(t,i.heads),o=t.sample&&t.sample<n.n_tokens?await this.sample(t.sample):null;if(!o&&a.length===i.heads.length)return i;let s=IE(i.coords,i.bounds,i.dim,i.perRole,a,o),c=a.length*s.m/(i.heads.length*i.perRole);return{heads:a.map(e=>i.heads[e]),dim:i.dim,perRole:s.m,coords:s.coords,bounds:s.bounds,bytes:Math.round(r.bytes*c)}}async norms(e){let t=await this.info();if(!this.exported(t,e.layer)){if(e.head!==void 0)throw new $(404,`head L${e.layer}H${e.head} is not in this export (exported with --heads)`);return{heads:[],perRole:e.sample?Math.min(e.sample,t.n_tokens):t.n_tokens,norms:new Uint8Array,max:new Float32Array}}let n=_E(await this.files.message(`norms/L${zE(e.layer)}.qkb`)),r=await this.pick(e,n.heads),i=e.sample&&e.sample<t.n_tokens?await this.sample(e.sample):null;if(!i&&r.length===n.heads.length)return n;let a=LE(n.norms,n.max,n.perRole,r,i);return{heads:r.map(e=>n.heads[e]),perRole:a.m,norms:a.norms,max:a.max}}vectors(e){let t=this.qk.get(e);return t||(t=this.files.message(e,!1).then(e=>{let t=e.arrays.codes;return{codes:{codes:t.data,lo:e.arrays.lo.data,hi:e.arrays.hi.data,d:t.shape[1]},meta:e.meta}}),t.catch(()=>this.qk.delete(e)),this.qk.set(e,t),this.qk.size>16&&this.qk.delete(this.qk.keys().next().value)),t}async head(e,t){let n=await this.info();if(!n.export.attention)throw new $(404,`this export has no attention (it was made with --no-attention)`);if(!n.export.heads.some(([n,r])=>n===e&&r===t))throw new $(404,`head L${e}H${t} is not in this export (exported with --heads)`);let r=await this.vectors(`attention/L${zE(e)}/Q${zE(t)}.qkb`),i=await this.vectors(`attention/L${zE(e)}/K${zE(r.meta.kv_head)}.qkb`);return{q:r.codes,k:i.codes,terms:r.meta.terms}}async where(e){let t=await this.sequences(),n=t.data.start.map(Number),r=t.data.n_tokens.map(Number),i=n.length?n[n.length-1]+r[r.length-1]:0;if(!(e>=0&&e<i))throw new $(400,`token ${e} out of range: this export has tokens 0..${i-1}`);let a=0,o=n.length-1;for(;a<o;){let t=a+o+1>>1;n[t]<=e?a=t:o=t-1}return{seq:a,start:n[a],n:r[a]}}async tokenAttention(e,t,n,r){let{seq:i,start:a,n:o}=await this.where(n),{q:s,k:c,terms:l}=await this.head(e,t),u=n-a,d=jE(c,a,o);if(r===`query`)return{seq:i,start:a,n:o,weights:ME(jE(s,n,1),d,s.d,o,[u],l)};let f=ME(jE(s,a,o),d,s.d,o,Array.from({length:o},(e,t)=>t),l);return{seq:i,start:a,n:o,weights:Float32Array.from({length:o},(e,t)=>f[t*o+u])}}async sequenceAttention(e,t,n){let r=await this.sequences();if(!(n>=0&&n<r.n))throw new $(400,`sequence ${n} out of range: this export has sequences 0..${r.n-1}`);let i=Number(r.data.start[n]),a=Number(r.data.n_tokens[n]),o=(await this.info()).limits?.attention_cells??4<<20;if(a*a>o)throw new $(413,`the attention of sequence ${n} is ${a} x ${a} weights, over the limit of ${o}; ask for one token's row`);let{q:s,k:c,terms:l}=await this.head(e,t);return{seq:n,start:i,n:a,weights:ME(jE(s,i,a),jE(c,i,a),s.d,a,Array.from({length:a},(e,t)=>t),l)}}async search(e){if(!e.regex&&!e.q.trim())throw new $(400,`parameter 'q' is empty: give a token or, with regex=true, a pattern`);let t=await this.tokens(),n=t.columns.find(e=>e.name===`token`),r=t.strings.token;if(!n||!r)throw new $(404,`this export has no token column to search`);let i;try{i=PE(n.data,r,e.q,e.regex,!!e.caseSensitive)}catch(t){throw new $(400,`bad pattern ${JSON.stringify(e.q.slice(0,80))}: ${t.message}`)}return{rows:i.rows,nTokens:i.rows.length,nSequences:FE(i.rows,await this.starts()),nDistinct:i.nDistinct}}async analysed(){let e=(await this.info()).export.missing.heads;if(e)throw new $(404,e)}async heads(){return await this.analysed(),this.files.json(`heads.json`)}async similar(e,t,n){await this.analysed();let r=(await this.files.json(`similar.json`)).heads[`${e},${t}`];if(!r)throw new $(404,`head L${e}H${t} is not in this export (exported with --heads)`);return{layer:e,head:t,heads:r.slice(0,n).map(([e,t,n])=>({layer:e,head:t,score:n}))}}async aggregate(e,t,n){await this.analysed();let r=(await this.files.message(`aggregate/L${zE(e)}H${zE(t)}.qkb`)).arrays[n?`weighted`:`attention`],i=r.data,a=Float32Array.from(i,e=>e>RE?NaN:e/RE);return{positions:r.shape[0],weights:a}}fidelity(){return this.files.json(`fidelity.json`)}async headInfo(e,t){let n=(await this.files.json(`head-info.json`))[`${e},${t}`];if(!n)throw new $(404,`head L${e}H${t} is not in this export (exported with --heads)`);return n}async thumbnails(){if(!(await this.info()).thumbnails)throw new $(404,`atlas ${this.id} has no patch thumbnails`);return this.files.url(`thumbnails.png`)}async image(e){return VE(this.files.url(`images/${String(e).padStart(5,`0`)}.png`))}},UE=class{fetcher;kind=`static`;cache=new Map;root;constructor(e=`./data/`,t=e=>fetch(e)){this.fetcher=t,this.root=e.endsWith(`/`)?e:e+`/`}async atlases(){let e=await this.fetcher(this.root+`atlases.json`);if(!e.ok)throw new $(e.status,`atlases.json is not in this export (${e.status}): is this a qkatlas export?`);return(await e.json()).atlases}atlas(e){let t=this.cache.get(e);return t||this.cache.set(e,t=new HE(this.root,this.fetcher,e)),t}};function WE(e=window){let t=e.QKATLAS_CONFIG??{},n=e.document.getElementById(`qkatlas-config`);if(!e.QKATLAS_CONFIG&&n?.textContent)try{t=JSON.parse(n.textContent)}catch(e){console.error(`qkatlas-config is not valid JSON`,e)}let r=Number(new URLSearchParams(e.location.search).get(`budget`));return r>0?{...t,budget:r}:t}function GE(e){if(e.dataSource)return e.dataSource;let t=e.source??`http`;if(t===`http`)return new AE(DE(e.apiRoot??`/api`));if(t===`static`)return new UE(e.dataRoot??`./data/`);throw Error(`unknown data source ${JSON.stringify(t)}`)}function KE(e){let t=e.matches.data,n=[];for(let r=0;r<e.matches.n;r++)n.push({layerA:Number(t.layer_a[r]),headA:Number(t.head_a[r]),layerB:Number(t.layer_b[r]),headB:Number(t.head_b[r]),similarity:typeof t.similarity[r]==`number`?t.similarity[r]:NaN,labelA:String(t.label_a[r]??``),labelB:String(t.label_b[r]??``)});return n.sort((e,t)=>(Number.isNaN(t.similarity)?-1:t.similarity)-(Number.isNaN(e.similarity)?-1:e.similarity))}function qE(e,t,n,r){return n>=0&&n<e.length&&r>=0&&r<t[n]?e[n]+r:-1}function JE(e,t){let n=0,r=e.length-1;for(;n<r;){let i=n+r+1>>1;e[i]<=t?n=i:r=i-1}return[n,t-e[n]]}var YE=class{which;id;source;tokens=[];starts=[];lengths=[];block=null;xy=new Float32Array;m=0;layer=0;head=0;label=``;selected=-1;attention=null;error=``;canvas=Z(`canvas`,{class:`compare-canvas`,width:520,height:520});title=Z(`div`,{class:`compare-title`});strip=Z(`div`,{class:`compare-strip`});el;constructor(e,t,n){this.which=e,this.id=t,this.source=n,this.el=Z(`div`,{class:`compare-side`,id:`compare-${e}`},this.title,this.canvas,this.strip)}async load(){let e=this.source.atlas(this.id),[t,n]=await Promise.all([e.tokens(),e.sequences()]);this.tokens=ZE(t),this.starts=n.data.start.map(Number),this.lengths=n.data.n_tokens.map(Number)}async show(e,t,n,r){this.layer=t,this.head=n,this.label=r,this.error=``;try{let r=await this.source.atlas(this.id).layout(e,{layer:t,head:n});this.block=r,this.m=r.perRole,this.xy=XE(r)}catch(e){this.block=null,this.xy=new Float32Array,this.error=e.message}}point(e,t){return e<0||e>=this.m?-1:(t===`key`?this.m:0)+e}screen(e){let t=this.canvas;return[12+this.xy[e*2]*(t.width-24),12+(1-this.xy[e*2+1])*(t.height-24)]}nearest(e,t){let n=-1,r=144;for(let i=0;i<2*this.m;i++){let[a,o]=this.screen(i),s=(a-e)**2+(o-t)**2;s<r&&([n,r]=[i,s])}return n}};function XE(e){let t=2*e.perRole,n=new Float32Array(t*2),r=[e.bounds[1]-e.bounds[0],e.bounds[3]-e.bounds[2]],i=Math.max(r[0],r[1])||1;for(let a=0;a<2;a++){let o=r[a]/i,s=(1-o)/2;for(let r=0;r<t;r++)n[r*2+a]=s+e.coords[r*e.dim+a]/65535*o}return n}function ZE(e){let t=e.columns.find(e=>e.name===`token`),n=e.strings.token??[];return t?Array.from(t.data,e=>n[e]??String(e)):[]}var QE=class{source;a;b;onClose;el;sides;list=Z(`div`,{id:`compare-matches`,class:`compare-matches`});summary=Z(`div`,{id:`compare-summary`,class:`muted`});layoutSel=Z(`select`,{id:`compare-layout`,title:`layout of both heads`});pairs=[];current=0;role=`query`;gen=0;constructor(e,t,n,r){this.source=e,this.a=t,this.b=n,this.onClose=r,this.sides=[new YE(`a`,t,e),new YE(`b`,n,e)];let i=Z(`button`,{id:`compare-close`,onclick:()=>this.close()},`close`);this.layoutSel.onchange=()=>void this.showPair(this.current),this.el=Z(`div`,{id:`compare`,class:`compare`},Z(`div`,{class:`compare-bar`},Z(`b`,{},`compare ${t} \u2194 ${n}`),` layout `,this.layoutSel,` `,i,` `,this.summary),Z(`div`,{class:`compare-body`},this.list,this.sides[0].el,this.sides[1].el));for(let[e,t]of this.sides.entries())t.canvas.addEventListener(`click`,n=>{let r=t.canvas.getBoundingClientRect(),i=t.nearest((n.clientX-r.left)*(t.canvas.width/r.width),(n.clientY-r.top)*(t.canvas.height/r.height));i>=0&&this.select(e,i<t.m?i:i-t.m,i<t.m?`query`:`key`)});eD().view=this}async open(e){this.summary.textContent=`matching heads… (the first time computes the comparison)`;try{let[t,n,r]=await Promise.all([this.source.compare(this.a,this.b),this.source.atlas(this.a).info(),this.source.atlas(this.b).info(),this.sides[0].load(),this.sides[1].load()]);this.pairs=KE(t);let i=new Set(r.layouts.map(e=>e.name)),a=n.layouts.filter(e=>i.has(e.name)&&e.dim===2);this.layoutSel.replaceChildren(...a.map(e=>Q(e.name,e.name)));let o=t.summary;if(this.summary.textContent=`${o.matched} heads matched, mean similarity ${$E(o.mean_similarity)}, same label ${o.label_agreement===null?`–`:Math.round(100*o.label_agreement)+`%`}`+(o.same_corpus?``:` · the corpora differ: selection follows (sequence, position) only`),!a.length)throw Error(`the atlases have no 2-D layout in common (A: ${n.layouts.map(e=>e.name).join(`, `)||`none`})`);this.fillList();let s=e?this.pairs.findIndex(t=>t.layerA===e[0]&&t.headA===e[1]):-1;await this.showPair(Math.max(0,s))}catch(e){this.summary.textContent=`compare: ${e.message}`,this.summary.className=`warn`,eD().error=e.message}}close(){this.el.remove(),eD().view===this&&(eD().view=null),this.onClose()}fillList(){this.list.replaceChildren(Z(`div`,{class:`muted`},`matched heads, best first`),...this.pairs.map((e,t)=>Z(`div`,{class:`compare-pair`,"data-index":String(t),title:`${e.labelA||`?`} / ${e.labelB||`?`}`,onclick:()=>void this.showPair(t)},`L${e.layerA} H${e.headA} \u2192 L${e.layerB} H${e.headB}`,Z(`span`,{class:`muted`},` ${$E(e.similarity)}`))))}async showPair(e){let t=this.pairs[e];if(!t)return;this.current=e;let n=++this.gen;for(let t of this.list.querySelectorAll(`.compare-pair`))t.classList.toggle(`on`,t.dataset.index===String(e));this.list.querySelector(`.compare-pair.on`)?.scrollIntoView?.({block:`nearest`});let r=this.layoutSel.value,[i,a]=this.sides;if(await Promise.all([i.show(r,t.layerA,t.headA,t.labelA),a.show(r,t.layerB,t.headB,t.labelB)]),n!==this.gen)return;let o=new URL(location.href);o.searchParams.set(`pair`,`${t.layerA}.${t.headA}`),history.replaceState(history.state,``,o),await this.loadAttention(),this.draw()}async select(e,t,n){let[r,i]=JE(this.sides[e].starts,t);this.role=n;for(let e of this.sides)e.selected=qE(e.starts,e.lengths,r,i);await this.loadAttention(),this.draw()}async loadAttention(){await Promise.all(this.sides.map(async e=>{if(e.attention=null,!(e.selected<0||!e.block))try{e.attention=await this.source.atlas(e.id).tokenAttention(e.layer,e.head,e.selected,this.role)}catch(t){e.error=t.message}}))}draw(){for(let e of this.sides)this.drawSide(e);let e=eD();e.drawnAt=performance.now(),e.state={pair:this.pairs[this.current]??null,role:this.role,selected:this.sides.map(e=>e.selected),points:this.sides.map(e=>2*e.m),attention:this.sides.map(e=>e.attention?Array.from(e.attention.weights).reduce((e,t)=>e+t,0):null),seqPos:this.sides.map(e=>e.selected>=0?JE(e.starts,e.selected):null)}}drawSide(e){let t=e.canvas,n=t.getContext(`2d`),r=document.body.classList.contains(`light`);n.fillStyle=r?`#f4f4f6`:`#15171c`,n.fillRect(0,0,t.width,t.height);let i=e.which.toUpperCase();e.title.textContent=`${i}: ${e.id} \u00b7 L${e.layer} H${e.head}${e.label?` \u00b7 ${e.label}`:``}`,e.error&&!e.block&&(n.fillStyle=`#e66`,n.fillText(e.error.slice(0,90),10,20));let a=2*e.m,o=Math.max(1,Math.floor(a/2e4)),s=e.attention?.25:.6;for(let t=0;t<a;t+=o){let[r,i]=e.screen(t);n.fillStyle=N(t<e.m?M.query:M.key,s),n.fillRect(r-1,i-1,2.2,2.2)}let c=e.point(e.selected,this.role);if(c>=0&&e.attention){let t=e.attention,i=this.role===`query`?`key`:`query`,[a,o]=e.screen(c),s=Array.from(t.weights.keys()).sort((e,n)=>t.weights[e]-t.weights[n]),l=Math.max(1e-9,...t.weights);for(let r of s){let s=t.weights[r]/l;if(s<.02)continue;let[c,u]=e.screen(e.point(t.start+r,i));n.strokeStyle=`rgba(255,190,40,${(.15+.85*s).toFixed(3)})`,n.lineWidth=.5+3*s,n.beginPath(),n.moveTo(a,o),n.lineTo(c,u),n.stroke(),n.fillStyle=N(i===`key`?M.key:M.query,.5+.5*s),n.fillRect(c-2.5,u-2.5,5,5)}n.strokeStyle=r?`#000`:`#fff`,n.lineWidth=2.5,n.beginPath(),n.arc(a,o,7,0,2*Math.PI),n.stroke()}this.fillStrip(e)}fillStrip(e){if(e.selected<0){e.strip.replaceChildren(Z(`span`,{class:`muted`},`click a point (on either side) to select its token on both`));return}let[t,n]=JE(e.starts,e.selected),r=e.attention,i=e.lengths[t],a=r?Math.max(1e-9,...r.weights):1,o=Math.max(0,n-40),s=Math.min(i,n+40),c=[Z(`span`,{class:`muted`},`seq ${t} pos ${n} (${this.role}) `)];for(let i=o;i<s;i++){let o=r?r.weights[i]/a:0;c.push(Z(`span`,{class:i===n?`compare-tok sel`:`compare-tok`,style:`background:rgba(255,190,40,${(.85*o).toFixed(3)})`,title:r?`attention ${r.weights[i].toFixed(3)}`:``},e.tokens[e.starts[t]+i]??`?`))}e.strip.replaceChildren(...c)}pointPage(e,t,n){let r=this.sides[e],i=r.point(t,n);if(i<0)return null;let[a,o]=r.screen(i),s=r.canvas.getBoundingClientRect();return[s.left+a*s.width/r.canvas.width,s.top+o*s.height/r.canvas.height]}};function $E(e){return typeof e==`number`&&Number.isFinite(e)?e.toFixed(3):`–`}function eD(){let e=window;return e.__qkCompare??={view:null}}async function tD(e,t,n=document.body){if(!e.compare)return;let r;try{r=await e.atlases()}catch{return}if(r.length<2)return;let i=(t,r,i)=>{document.getElementById(`compare`)?.remove();let a=new URL(location.href);a.searchParams.set(`compare`,`${t},${r}`),history.replaceState(history.state,``,a);let o=new QE(e,t,r,()=>{let e=new URL(location.href);e.searchParams.delete(`compare`),e.searchParams.delete(`pair`),history.replaceState(history.state,``,e)});n.append(o.el),o.open(i)},a=r.map(e=>e.name),o=e=>a.filter(t=>t===e.name).length>1?e.id:e.name,s=Z(`select`,{id:`compare-a-atlas`,title:`atlas A`},...r.map(e=>Q(e.id,o(e)))),c=Z(`select`,{id:`compare-b-atlas`,title:`atlas B`},...r.map(e=>Q(e.id,o(e))));c.value=r[1].id;let l=Z(`button`,{id:`compare-open`,title:`match the heads of two atlases of the same corpus and compare them side by side`,onclick:()=>i(s.value,c.value)},`compare`);t?.insertBefore(Z(`span`,{class:`compare-entry`},s,`↔`,c,l),t.querySelector(`.grow`));let u=new URLSearchParams(location.search),d=u.get(`compare`);if(d){let[e,t]=d.split(`,`),n=u.get(`pair`)?.split(`.`).map(Number);e&&t&&i(e,t,n&&n.length===2&&n.every(Number.isFinite)?[n[0],n[1]]:void 0)}}var nD=WE(),rD=GE(nD);new cE(document.getElementById(`app`),rD,{budget:nD.budget,url:nD.url}).start(),tD(rD,document.getElementById(`bar`));export{Vf as n,Zf as t};